// A station screen consumes the station's scans itself: while it is shown, every recorded
// scan (device, wedge or virtual scanner) is handed to its workflow, by sequence number.
import { useEffect, useRef } from 'react';
import type { ScanView } from '../../../shared/contract/station';
import { useStation } from '../api/station-context';

export function useScans(onScan: (scan: ScanView) => void): void {
  const { client } = useStation();
  const ref = useRef(onScan);
  ref.current = onScan;
  useEffect(() => client.onPush((p) => p.topic === 'scan' && ref.current(p.data)), [client]);
}
