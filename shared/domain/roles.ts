// Who may do what: the roles of the floor and the kinds of station, as data.
import { z } from 'zod';

export const ROLES = ['operator', 'packer', 'supervisor', 'qa', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const STATION_TYPES = ['receiving', 'smt', 'molding', 'packing', 'supervisor'] as const;
export const StationTypeSchema = z.enum(STATION_TYPES);
export type StationType = z.infer<typeof StationTypeSchema>;

/** What each kind of station is for; the home screen lists these, later issues fill them in. */
export const STATION_CAPABILITIES: Readonly<Record<StationType, readonly string[]>> = {
  receiving: ['receive_material', 'print_lot_label', 'qa_release'],
  smt: ['load_work_order', 'verify_setup', 'verify_splice', 'record_boards'],
  molding: ['record_batch', 'scan_resin_lot', 'record_parameters'],
  packing: ['line_clearance', 'scan_packaging', 'count_by_weight', 'print_lot_label', 'close_lot'],
  supervisor: ['floor_board', 'hold_release', 'trace', 'audit_trail'],
};
