// Labels a demo user can "scan" from the virtual scanner panel: badges, slot markers,
// internal lot labels and the supplier labels the demo lots arrived with — byte for byte
// what a scanner would send (control characters included).
import { dateCodeOf } from '../../../shared/rules/shelf-life';
import { DEMO_LOTS, DEMO_STATIONS, DEMO_USERS } from './demo-data';

/** The demo SMT station's line (its area): the slot markers carry it, so they select slots there. */
const SMT_LINE = DEMO_STATIONS.find((s) => s.type === 'smt')!.area;

const GS = '\u001d';
const RS = '\u001e';
const EOT = '\u0004';

export interface DemoLabel {
  readonly group: 'badge' | 'slot' | 'lot' | 'supplier';
  readonly title: string;
  readonly text: string;
}

export function demoLabels(): DemoLabel[] {
  return [
    ...DEMO_USERS.map((u) => ({ group: 'badge' as const, title: `Badge ${u.name}`, text: `LL-BADGE-${u.badge}` })),
    ...['F01', 'F02', 'F03', 'F04', 'F05'].map((s) => ({ group: 'slot' as const, title: `SMT line 1 slot ${s}`, text: `LL-SLOT-${SMT_LINE}-${s}` })),
    { group: 'slot' as const, title: 'SMT line 1 slot LOADER: the board loader (bare PCB)', text: `LL-SLOT-${SMT_LINE}-LOADER` },
    { group: 'slot' as const, title: 'SMT line 1 slot PRINTER: the paste printer (solder paste)', text: `LL-SLOT-${SMT_LINE}-PRINTER` },
    ...DEMO_LOTS.map((d) => ({ group: 'lot' as const, title: `Lot ${d.lot.lotId} (${d.lot.itemId})${d.release ? '' : ' — quarantined'}${(d.expiresInDays ?? 1) < 0 ? ' — expired' : ''}`, text: `LL-LOT-${d.lot.lotId}` })),
    {
      group: 'supplier',
      title: 'Digi-Key reel: 10 kΩ resistor, lot DK2419A (ISO/IEC 15434)',
      text: `[)>${RS}06${GS}P311-10.0KHRCT-ND${GS}1PRC0603FR-0710KL${GS}K${GS}1K81234567${GS}10K98765432${GS}9D2419${GS}1TDK2419A${GS}11K1${GS}4LTW${GS}Q5000${RS}${EOT}`,
    },
    {
      // Issue 6: a delivery not received yet, for the receiving station.
      group: 'supplier',
      title: 'New delivery from Digi-Key: 3.3 V LDO, lot DK2507Q (ISO/IEC 15434)',
      text: `[)>${RS}06${GS}P296-TLV75533PDBVRCT-ND${GS}1PTLV75533PDBVR${GS}K${GS}1K81234999${GS}10K98766001${GS}9D2507${GS}1TDK2507Q${GS}11K1${GS}4LTH${GS}Q3000${RS}${EOT}`,
    },
    {
      group: 'supplier',
      title: 'Mouser reel: 100 nF capacitor, lot MU88213 (ISO/IEC 15434)',
      text: `[)>${RS}06${GS}K4711${GS}14K001${GS}1PGRM155R71C104KA88D${GS}Q10000${GS}11K55512${GS}4LJP${GS}1VMURATA${GS}1TMU88213${GS}9D${dateCodeOf(Date.now() - 90 * 86_400_000)}${RS}${EOT}`,
    },
    { group: 'supplier', title: 'LCSC bag: RP2040, lot LC2207080016 (vendor QR)', text: '{pbn:PICK2207080016,on:SO2207081231,pc:C2040,pm:RP2040,qty:500,mc:,cc:1,pdi:55645511,hp:0,wc:ZH}' },
    { group: 'supplier', title: 'Sterile luer cap box, GS1 DataMatrix', text: `]d2010950600013435210L2611-A7-STERILE1${GS}17291031` },
    { group: 'supplier', title: 'Same box, from a wedge that shows the group separator as ␝', text: ']d2010950600013435210L2611-A7-STERILE1\u241d17291031' },
    { group: 'supplier', title: 'Same box, from a wedge that dropped the group separator (ambiguous)', text: ']d2010950600013435210L2611-A7-STERILE117291031' },
  ];
}
