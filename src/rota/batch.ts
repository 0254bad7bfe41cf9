import { AppError } from '../common/errors/app-error';
import type { BatchResultDto, BatchResultsDto } from './dto/rota.dto';
import type { Assignment } from './assignment.entity';
import { toAssignmentDto } from './shifts.service';

/** Books items one by one (each in its own transaction) and answers per item. */
export async function bookEach(items: { shiftId: string; patientId: string; overrideReason?: string }[], book: (i: { shiftId: string; patientId: string; overrideReason?: string }) => Promise<Assignment>): Promise<BatchResultsDto> {
  const results: BatchResultDto[] = [];
  for (const item of items) {
    try {
      const a = await book(item);
      results.push({ shiftId: item.shiftId, patientId: item.patientId, ok: true, assignment: toAssignmentDto(a), violations: [] });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const violations = Array.isArray(err.details) ? err.details.map((d) => ({ code: String(d.code ?? err.code), message: d.message })) : [{ code: err.code, message: err.message }];
      results.push({ shiftId: item.shiftId, patientId: item.patientId, ok: false, code: err.code, violations });
    }
  }
  return { items: results, booked: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).length };
}
