// The typed StationApi client, the same for every transport: validates input before it
// leaves and output when it comes back, so neither side trusts the other's types alone.
import { issuesOf, StationError } from './errors';
import { stationContract, type Push, type StationContract, type StationMethod } from './station';
import type { InputOf, OutputOf } from './define';
import type { Response } from './wire';

export interface Transport {
  request(method: string, input: unknown): Promise<Response>;
  onPush(listener: (push: Push) => void): () => void;
}

export interface StationClient {
  call<M extends StationMethod>(method: M, input: InputOf<StationContract, M>): Promise<OutputOf<StationContract, M>>;
  onPush(listener: (push: Push) => void): () => void;
}

export function createStationClient(transport: Transport): StationClient {
  return {
    async call(method, input) {
      const spec = stationContract[method];
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) throw new StationError('invalid_input', `${method}: invalid input`, undefined, issuesOf(parsed.error));
      const res = await transport.request(method, parsed.data);
      if (!res.ok) throw StationError.from(res.error);
      const out = spec.output.safeParse(res.result);
      if (!out.success) throw new StationError('internal', `${method}: the runtime answered with an invalid result`, undefined, issuesOf(out.error));
      return out.data as never;
    },
    onPush: (l) => transport.onPush(l),
  };
}
