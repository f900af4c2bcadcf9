// Handlers of the issue-7 methods (shared/contract/packing.ts), by method name.
import type { packingContract } from '../../../shared/contract/packing';
import type { Handlers } from '../runtime/bus';
import type { StationRuntime } from '../runtime/runtime';
import { moldingHandlers } from './molding';
import { operationHandlers } from './operations';
import { packingHandlers } from './packing';
import { traceHandlers } from './trace';

export function packingContractHandlers(rt: StationRuntime): Handlers<typeof packingContract> {
  const m = moldingHandlers(rt);
  const p = packingHandlers(rt);
  const t = traceHandlers(rt);
  const o = operationHandlers(rt);
  return {
    'molding.work_orders': m.workOrders,
    'molding.start_batch': m.startBatch,
    'molding.record_output': m.recordOutput,
    'molding.close_batch': m.closeBatch,
    'molding.batches': m.batches,
    'operation.derive': o.derive,
    'operation.pass': o.pass,
    'packing.work_orders': p.workOrders,
    'packing.clearance_perform': p.clearancePerform,
    'packing.clearance_verify': p.clearanceVerify,
    'packing.state': p.state,
    'packing.scan': p.scan,
    'packing.acknowledge': p.acknowledge,
    'packing.override': p.override,
    'packing.count': p.count,
    'packing.check_weight': p.checkWeight,
    'packing.close_lot': p.closeLot,
    'packing.print_unit_labels': p.printUnitLabels,
    'packing.verify_unit_label': p.verifyUnitLabel,
    'trace.lot': t.lotTrace,
    'quality.record_defect': t.recordDefect,
    'quality.hold': t.hold,
    'quality.recall_report': t.recallReport,
    'quality.dhr': t.dhr,
    'quality.recall_pdf': t.recallPdf,
    'quality.dhr_pdf': t.dhrPdf,
    'quality.supplier_rates': t.supplierRates,
  };
}
