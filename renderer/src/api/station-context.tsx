// Station state for every screen: the client, the latest status (pushed by the runtime)
// and whether the runtime is reachable.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { StationClient } from '../../../shared/contract/client';
import type { StationStatus } from '../../../shared/contract/station';
import type { Connection } from './transport';

interface StationState {
  readonly client: StationClient;
  readonly status: StationStatus | null;
  readonly connected: boolean;
  readonly mode: Connection['mode'];
  /** Increments on every recorded event (audit views refresh on it). */
  readonly eventTick: number;
  refresh(): Promise<void>;
}

const Ctx = createContext<StationState | null>(null);

export function StationProvider({ connection, children }: { connection: Connection; children: ReactNode }) {
  const { client } = connection;
  const [status, setStatus] = useState<StationStatus | null>(null);
  const [connected, setConnected] = useState(true);
  const [eventTick, setEventTick] = useState(0);

  const refresh = useCallback(async () => {
    try {
      setStatus(await client.call('station.status', {}));
      setConnected(true);
    } catch {
      setConnected(false);
    }
  }, [client]);

  useEffect(() => {
    void refresh();
    const offPush = client.onPush((p) => {
      if (p.topic === 'status') setStatus(p.data);
      else if (p.topic === 'event') setEventTick((n) => n + 1);
    });
    const offConn = connection.onConnectionChange((c) => {
      setConnected(c);
      if (c) void refresh();
    });
    return () => {
      offPush();
      offConn();
    };
  }, [client, connection, refresh]);

  const value = useMemo(() => ({ client, status, connected, mode: connection.mode, eventTick, refresh }), [client, status, connected, connection.mode, eventTick, refresh]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useStation(): StationState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useStation outside StationProvider');
  return v;
}
