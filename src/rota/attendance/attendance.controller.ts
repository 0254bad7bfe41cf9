import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth-decorators';
import type { AuthUser } from '../../common/request-context';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { ATTENDANCE_RECORDERS, AttendanceService } from './attendance.service';
import { AttendanceHistoryDto, AttendanceRecordDto, RecordAttendanceDto } from './dto/attendance.dto';

const instant = (v?: string) => (v ? new Date(v) : null);

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('api')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Post('assignments/:id/attendance')
  @Roles(...ATTENDANCE_RECORDERS)
  @ApiOperation({ summary: 'Record attendance for an assignment, from the shift’s day on; a second record corrects the first (which is kept)' })
  @ApiCreatedResponse({ type: AttendanceRecordDto })
  @ApiUnprocessableEntityResponse({ description: 'VALIDATION_FAILED with field details, or TOO_EARLY before the shift’s day' })
  @ApiConflictResponse({ description: 'TIMESHEET_APPROVED when the week is frozen; ASSIGNMENT_CANCELLED' })
  record(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: RecordAttendanceDto): Promise<AttendanceRecordDto> {
    return this.attendance.record(user, id, { status: body.status, actualStartAt: instant(body.actualStartAt), actualEndAt: instant(body.actualEndAt), reasonCode: body.reasonCode ?? null, reason: body.reason ?? null });
  }

  @Get('assignments/:id/attendance')
  @Roles(...ATTENDANCE_RECORDERS, 'ADMIN')
  @ApiOperation({ summary: 'The attendance history of an assignment, newest first, with the current record' })
  @ApiOkResponse({ type: AttendanceHistoryDto })
  history(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<AttendanceHistoryDto> {
    return this.attendance.history(user, id);
  }
}
