// Supervisor session state for every view: the signed-in user, the API, the live tiles and
// a counter per topic the server says changed (views refetch on it), and whether the live
// channel is up — when it is down, everything on screen is marked stale.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { BoardLiveMessage, StationTileView } from '../../../shared/board/api';
import { boardApi, forgetSession, openLive, type BoardApi, type BoardUser } from './api';

type Topic = 'andon' | 'exceptions' | 'lots' | 'charts';

interface SupervisorState {
  readonly user: BoardUser;
  readonly api: BoardApi;
  readonly tiles: readonly StationTileView[];
  readonly live: boolean;
  /** Server time minus this browser's time, so ages are computed on the server's clock. */
  readonly offsetMs: number;
  readonly ticks: Readonly<Record<Topic, number>>;
  logout(): void;
}

const Ctx = createContext<SupervisorState | null>(null);

export function SupervisorProvider({ token, user, onLogout, children }: { token: string; user: BoardUser; onLogout: () => void; children: ReactNode }) {
  const logout = useCallback(() => {
    forgetSession();
    onLogout();
  }, [onLogout]);
  const api = useMemo(() => boardApi(token, logout), [token, logout]);
  const [tiles, setTiles] = useState<StationTileView[]>([]);
  const [live, setLive] = useState(false);
  const [offsetMs, setOffset] = useState(0);
  const [ticks, setTicks] = useState<Record<Topic, number>>({ andon: 0, exceptions: 0, lots: 0, charts: 0 });

  useEffect(() => {
    const onMessage = (m: BoardLiveMessage) => {
      if (m.topic === 'tiles') {
        setOffset(Date.parse(m.serverTime) - Date.now());
        setTiles((prev) => {
          const next = new Map(prev.map((t) => [t.stationId, t]));
          for (const t of m.tiles) next.set(t.stationId, t);
          return [...next.values()].sort((a, b) => a.area.localeCompare(b.area) || a.stationId.localeCompare(b.stationId));
        });
      } else if (m.topic === 'changed') {
        setTicks((prev) => {
          const next = { ...prev };
          for (const w of m.what) next[w]++;
          return next;
        });
      } else if (m.topic === 'denied') logout();
    };
    return openLive(token, onMessage, setLive);
  }, [token, logout]);

  const value = useMemo(() => ({ user, api, tiles, live, offsetMs, ticks, logout }), [user, api, tiles, live, offsetMs, ticks, logout]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSupervisor(): SupervisorState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSupervisor outside SupervisorProvider');
  return v;
}

/** Re-renders every `ms` so ages move on screen; returns "now" on the server's clock. */
export function useNow(ms = 1000): number {
  const { offsetMs } = useSupervisor();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return now + offsetMs;
}

/** Loads `path` and reloads when `topic` changes (or `deps` do). */
export function useBoardData<T>(path: string, topic: Topic | null): { data: T | null; error: string | null; reload: () => void } {
  const { api, ticks } = useSupervisor();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  const tick = topic ? ticks[topic] : 0;
  useEffect(() => {
    let gone = false;
    api.get<T>(path).then(
      (d) => !gone && (setData(d), setError(null)),
      (err: unknown) => !gone && setError((err as Error).message),
    );
    return () => {
      gone = true;
    };
  }, [api, path, tick, n]);
  return { data, error, reload: () => setN((x) => x + 1) };
}
