// Keyboard-wedge capture, independent of focus: keys are held back for a few milliseconds
// until the burst they belong to ends; a scanner's burst becomes a scan (and never reaches a
// text field), a person's typing is handed to the field it was meant for.
import { useEffect, useRef } from 'react';
import { parseDeviceUri } from '../../../shared/devices/uri';
import { classifyBurst, type WedgeKey } from '../../../shared/devices/wedge';

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock']);

function insertIntoFocused(text: string): void {
  const el = document.activeElement;
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) || el.readOnly || el.disabled) return;
  const start = el.selectionStart ?? el.value.length;
  const end = el.selectionEnd ?? el.value.length;
  el.setRangeText(text, start, end, 'end');
  // React's value tracker sees the native change and fires onChange.
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Enter/Tab typed by a person are replayed as the key itself (a form may submit on Enter). */
function replayKey(k: WedgeKey): void {
  const el = document.activeElement;
  if (k.key === 'Enter' && el instanceof HTMLInputElement) el.form?.requestSubmit();
}

export function useWedge(uri: string | null | undefined, onScan: (text: string, receivedAt: number) => void): void {
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;

  useEffect(() => {
    if (!uri) return;
    let config;
    try {
      const d = parseDeviceUri(uri);
      if (d.kind !== 'wedge') return;
      config = d;
    } catch {
      return;
    }
    const opts = { maxGapMs: config.maxGapMs, minLength: config.minLength, ...(config.prefixKey ? { prefixKey: config.prefixKey } : {}), ...(config.suffixKey ? { suffixKey: config.suffixKey } : {}) };
    let burst: WedgeKey[] = [];
    let timer: number | undefined;

    const finish = () => {
      timer = undefined;
      const keys = burst;
      burst = [];
      if (keys.length === 0) return;
      const v = classifyBurst(keys, opts);
      if (v.kind === 'scan') {
        onScanRef.current(v.text, Date.now());
        return;
      }
      for (const k of keys) {
        if (k.key.length === 1 && !k.ctrlKey && !k.altKey) insertIntoFocused(k.key);
        else if (k.key === 'Backspace') {
          const el = document.activeElement;
          if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
            const s = el.selectionStart ?? el.value.length;
            if (s > 0) el.setRangeText('', s - 1, s, 'end');
            el.dispatchEvent(new Event('input', { bubbles: true }));
          }
        } else replayKey(k);
      }
    };

    const onKeyDown = (e: KeyboardEvent) => {
      // Only keys that type (and the scanner's framing keys) are held; shortcuts pass.
      const typing = e.key.length === 1 || e.key === 'Enter' || e.key === 'Tab' || e.key === 'Backspace' || (opts.prefixKey !== undefined && e.key === opts.prefixKey);
      if (!typing && !MODIFIERS.has(e.key)) return;
      if ((e.ctrlKey && e.key !== ']') || e.metaKey) return;
      if (!MODIFIERS.has(e.key) || e.altKey) {
        e.preventDefault();
        e.stopPropagation();
      }
      burst.push({ key: e.key, at: e.timeStamp, altKey: e.altKey, ctrlKey: e.ctrlKey });
      if (opts.suffixKey && e.key === opts.suffixKey && burst.length > 1) {
        window.clearTimeout(timer);
        finish();
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(finish, opts.maxGapMs + 5);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.clearTimeout(timer);
    };
  }, [uri]);
}
