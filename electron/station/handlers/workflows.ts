// Handlers of the workflow methods (shared/contract/workflows.ts), by method name.
import type { workflowContract } from '../../../shared/contract/workflows';
import type { Handlers } from '../runtime/bus';
import type { StationRuntime } from '../runtime/runtime';
import { clockHandlers } from './clocks';
import { receivingHandlers } from './receiving';
import { smtHandlers } from './smt';

export function workflowHandlers(rt: StationRuntime): Handlers<typeof workflowContract> {
  const smt = smtHandlers(rt);
  const rcv = receivingHandlers(rt);
  const clk = clockHandlers(rt);
  return {
    'verdict.acknowledge': smt.acknowledge,
    'verdict.override': smt.override,
    'receiving.scan': rcv.scan,
    'receiving.items': rcv.items,
    'receiving.suppliers': rcv.suppliers,
    'receiving.receive': rcv.receive,
    'receiving.attach_coc': rcv.attachCoc,
    'qa.coc_file': rcv.cocFile,
    'receiving.print_labels': rcv.printLabels,
    'qa.lots': rcv.qaLots,
    'qa.release': rcv.release,
    'qa.reject': rcv.reject,
    'smt.work_orders': smt.workOrders,
    'smt.load': smt.load,
    'smt.state': smt.state,
    'smt.scan': smt.scan,
    'smt.splice': smt.splice,
    'smt.start': smt.start,
    'smt.change_revision': smt.changeRev,
    'smt.record_boards': smt.recordBoards,
    'smt.remove_reel': smt.removeReel,
    'smt.unload': smt.unload,
    'smt.run_reels': smt.runReels,
    'smt.boards_of_lot': smt.boardsOfLot,
    'smt.lots_of_board': smt.lotsOfBoard,
    'smt.print_traveler': smt.printTraveler,
    'material.msl': clk.msl,
    'material.paste': clk.paste,
    'material.clocks': clk.clocks,
    'rules.configure': clk.configure,
    'rules.state': clk.rules,
  };
}
