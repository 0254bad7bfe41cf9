import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { ATTENDANCE_STATUSES, CANCELLATION_REASONS } from '../../rota.types';

export class RecordAttendanceDto {
  @ApiProperty({ enum: ATTENDANCE_STATUSES, description: 'ATTENDED, LATE and LEFT_EARLY need actual start and end; ABSENT needs a reason; CANCELLED a reasonCode' })
  @IsIn(ATTENDANCE_STATUSES, { message: `status must be one of ${ATTENDANCE_STATUSES.join(', ')}` })
  status: (typeof ATTENDANCE_STATUSES)[number];

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-23T10:05:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'actualStartAt must be an ISO 8601 instant' })
  actualStartAt?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-23T13:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'actualEndAt must be an ISO 8601 instant' })
  actualEndAt?: string;

  @ApiPropertyOptional({ enum: CANCELLATION_REASONS, description: 'CANCELLED only' })
  @IsOptional()
  @IsIn(CANCELLATION_REASONS, { message: `reasonCode must be one of ${CANCELLATION_REASONS.join(', ')}` })
  reasonCode?: (typeof CANCELLATION_REASONS)[number];

  @ApiPropertyOptional({ description: 'Why: required for ABSENT and for CANCELLED with reasonCode OTHER', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class AttendanceRecordDto {
  @ApiProperty() id: string;
  @ApiProperty() assignmentId: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) actualStartAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) actualEndAt: string | null;
  @ApiProperty({ type: String, nullable: true }) reasonCode: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ description: 'Real minutes between actual start and end (across a clock change too)' }) minutesWorked: number;
  @ApiProperty({ description: 'minutesWorked x hourlyRatePence, half-up to the penny' }) payPence: number;
  @ApiProperty({ description: 'The hourly rate this record was paid at, kept when the role’s rate changes later' }) hourlyRatePence: number;
  @ApiProperty({ type: String, nullable: true, description: 'The earlier record this one corrects' }) supersedesId: string | null;
  @ApiProperty() recordedByUserId: string;
  @ApiPropertyOptional() recordedByName?: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ description: 'Whether this is the record in force (no later record corrects it)' }) current: boolean;
}

export class AttendanceHistoryDto {
  @ApiProperty() assignmentId: string;
  @ApiProperty() shiftId: string;
  @ApiProperty() patientId: string;
  @ApiProperty() patientName: string;
  @ApiProperty() roleTitle: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ format: 'date-time' }) startAt: string;
  @ApiProperty({ format: 'date-time' }) endAt: string;
  @ApiProperty() plannedMinutes: number;
  @ApiProperty({ description: 'Booking status: BOOKED, NEEDS_REVIEW or CANCELLED' }) assignmentStatus: string;
  @ApiProperty({ description: 'True when the week is in an approved timesheet: no more changes' }) frozen: boolean;
  @ApiProperty({ type: AttendanceRecordDto, nullable: true }) current: AttendanceRecordDto | null;
  @ApiProperty({ type: [AttendanceRecordDto], description: 'Every record, newest first; corrections keep the earlier ones' }) records: AttendanceRecordDto[];
}

export class TimesheetLineDto {
  @ApiProperty() assignmentId: string;
  @ApiProperty() shiftId: string;
  @ApiProperty() patientId: string;
  @ApiProperty() patientName: string;
  @ApiProperty() hospitalNumber: string;
  @ApiProperty() roleTitle: string;
  @ApiProperty({ format: 'date', description: 'The shift’s date in Europe/London' }) date: string;
  @ApiProperty({ format: 'date-time' }) startAt: string;
  @ApiProperty({ format: 'date-time' }) endAt: string;
  @ApiProperty() plannedMinutes: number;
  @ApiProperty({ type: String, nullable: true, description: 'The current attendance status; null while not recorded' }) attendanceStatus: string | null;
  @ApiProperty({ type: String, nullable: true }) attendanceRecordId: string | null;
  @ApiProperty() minutesWorked: number;
  @ApiProperty() hourlyRatePence: number;
  @ApiProperty() payPence: number;
}

export class TimesheetPatientDto {
  @ApiProperty() patientId: string;
  @ApiProperty() patientName: string;
  @ApiProperty() hospitalNumber: string;
  @ApiProperty() shifts: number;
  @ApiProperty() minutesWorked: number;
  @ApiProperty() payPence: number;
}

export class TimesheetTotalsDto {
  @ApiProperty() shifts: number;
  @ApiProperty() minutesWorked: number;
  @ApiProperty() payPence: number;
  @ApiProperty({ description: 'Shifts with no attendance recorded yet (approval waits for them)' }) unrecorded: number;
}

export class TimesheetDto {
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ format: 'date', description: 'Monday of the week (Europe/London)' }) weekStartOn: string;
  @ApiProperty({ format: 'date', description: 'Sunday of the week' }) weekEndOn: string;
  @ApiProperty({ enum: ['OPEN', 'APPROVED'] }) status: 'OPEN' | 'APPROVED';
  @ApiProperty({ type: String, nullable: true }) timesheetId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) approvedByName: string | null;
  @ApiProperty({ type: [TimesheetLineDto], description: 'One line per shift worked or booked, by date' }) lines: TimesheetLineDto[];
  @ApiProperty({ type: [TimesheetPatientDto], description: 'The lines summed per patient' }) patients: TimesheetPatientDto[];
  @ApiProperty({ type: TimesheetTotalsDto }) totals: TimesheetTotalsDto;
}

export class CalendarFeedUrlDto {
  @ApiProperty({ description: 'The private feed address: anyone holding it can read the feed, so keep it like a password' }) url: string;
}
