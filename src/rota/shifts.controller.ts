import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { pageOf } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { bookEach } from './batch';
import { BookingService } from './booking.service';
import {
  AssignmentDto,
  BatchBookDto,
  BatchResultsDto,
  BookDto,
  BookingAnswerDto,
  CancelDto,
  ClosureDayDto,
  CreateClosureDayDto,
  CreatePatternDto,
  CreateShiftDto,
  PatternBookDto,
  PatternResultDto,
  ShiftDto,
  ShiftPageDto,
  ShiftQueryDto,
  UpdateShiftStaffDto,
} from './dto/rota.dto';
import { ShiftsService, toAssignmentDto } from './shifts.service';
import { ReviewService } from './review.service';

const PLANNERS = ['ADMIN', 'OT', 'ENTERPRISE_LEAD'] as const;
const BOOKERS = ['OT', 'ENTERPRISE_LEAD'] as const;
const READERS = ['ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'PATIENT'] as const;

@ApiTags('rota')
@ApiBearerAuth()
@Controller('api')
export class ShiftsController {
  constructor(
    private readonly shifts: ShiftsService,
    private readonly booking: BookingService,
    private readonly review: ReviewService,
  ) {}

  @Post('shifts')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Create a shift for a work role (draft unless publish is true)' })
  @ApiCreatedResponse({ type: ShiftDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateShiftDto): Promise<ShiftDto> {
    return this.shifts.create(user, body);
  }

  @Get('shifts')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Shifts in a period (default this week), optionally for one enterprise; patients and ward staff see published shifts only' })
  @ApiOkResponse({ type: ShiftPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ShiftQueryDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    // the page comes as JSON text from the database; Nest sends a string as it is
    res.type('application/json');
    return this.shifts.listJson(user, { ...pageOf(q), enterpriseId: q.enterpriseId, from: q.from, to: q.to });
  }

  @Get('shifts/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One shift with the bookings (status BOOKED or NEEDS_REVIEW with reasons) of patients the caller can see' })
  @ApiOkResponse({ type: ShiftDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ShiftDto> {
    return this.shifts.get(user, id);
  }

  @Post('shifts/:id/publish')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Publish a draft shift so patients and ward staff see it' })
  @ApiCreatedResponse({ type: ShiftDto })
  publish(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ShiftDto> {
    return this.shifts.publish(user, id);
  }

  @Post('shifts/:id/cancel')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Cancel a shift with a reason; its bookings are cancelled too' })
  @ApiCreatedResponse({ type: ShiftDto })
  cancel(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: CancelDto): Promise<ShiftDto> {
    return this.shifts.cancel(user, id, body.reason);
  }

  @Patch('shifts/:id/staff')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Name the supervisor and escorts of a shift' })
  @ApiOkResponse({ type: ShiftDto })
  staff(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: UpdateShiftStaffDto): Promise<ShiftDto> {
    return this.shifts.setStaff(user, id, body);
  }

  @Post('shifts/:id/assignments')
  @Roles(...BOOKERS)
  @ApiOperation({ summary: 'Book a patient on a shift; 409 BOOKING_REFUSED lists every broken rule (TIMESHEET_APPROVED instead when the timesheet of that week is approved). OTs may override only HOURS_CAP/EARNINGS_CAP with overrideReason' })
  @ApiCreatedResponse({ type: AssignmentDto })
  @ApiConflictResponse({ description: '{ statusCode: 409, code: "BOOKING_REFUSED", message, details: [{ code, message }] }' })
  async book(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: BookDto): Promise<AssignmentDto> {
    return toAssignmentDto(await this.booking.book(user, id, body.patientId, body.overrideReason));
  }

  @Post('shifts/:id/assignments/check')
  @HttpCode(200)
  @Roles(...BOOKERS)
  @ApiOperation({ summary: 'Answer whether a booking would be accepted, and why not, without writing anything' })
  @ApiOkResponse({ type: BookingAnswerDto })
  check(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: BookDto): Promise<BookingAnswerDto> {
    return this.booking.check(user, id, body.patientId, body.overrideReason);
  }

  @Post('assignments/batch')
  @HttpCode(200)
  @Roles(...BOOKERS)
  @ApiOperation({ summary: 'Book many patients and shifts at once; each item is booked or refused on its own and answered per item' })
  @ApiOkResponse({ type: BatchResultsDto })
  batch(@CurrentUser() user: AuthUser, @Body() body: BatchBookDto): Promise<BatchResultsDto> {
    return bookEach(body.items, (i) => this.booking.book(user, i.shiftId, i.patientId, i.overrideReason));
  }

  @Post('shift-patterns')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Generate shifts from a weekly pattern (London wall-clock times) for N weeks, skipping closure days' })
  @ApiCreatedResponse({ type: PatternResultDto })
  pattern(@CurrentUser() user: AuthUser, @Body() body: CreatePatternDto): Promise<PatternResultDto> {
    return this.shifts.createPattern(user, body);
  }

  @Post('shift-patterns/:id/assignments')
  @HttpCode(200)
  @Roles(...BOOKERS)
  @ApiOperation({ summary: "Book a patient on every future shift of a pattern, answered per shift" })
  @ApiOkResponse({ type: BatchResultsDto })
  async bookPattern(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: PatternBookDto): Promise<BatchResultsDto> {
    const shiftIds = await this.shifts.patternShiftIds(id);
    return bookEach(shiftIds.map((shiftId) => ({ shiftId, patientId: body.patientId, overrideReason: body.overrideReason })), (i) => this.booking.book(user, i.shiftId, i.patientId, i.overrideReason));
  }

  @Post('assignments/:id/cancel')
  @Roles(...BOOKERS)
  @ApiOperation({ summary: 'Cancel a booking with a reason (kept, not deleted)' })
  @ApiCreatedResponse({ type: AssignmentDto })
  async cancelAssignment(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: CancelDto): Promise<AssignmentDto> {
    return toAssignmentDto(await this.booking.cancel(user, id, body.reason));
  }

  @Get('assignments/needs-review')
  @Roles('OT', 'ENTERPRISE_LEAD', 'WARD_STAFF')
  @ApiOperation({ summary: 'Future bookings flagged NEEDS_REVIEW after a leave or restriction change, for patients the caller can see' })
  @ApiOkResponse({ type: [AssignmentDto] })
  needsReview(@CurrentUser() user: AuthUser): Promise<AssignmentDto[]> {
    return this.review.list(user);
  }

  @Post('closure-days')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'Record a closure day for an enterprise (its leads) or the whole site (admin); patterns skip it' })
  @ApiCreatedResponse({ type: ClosureDayDto })
  closure(@CurrentUser() user: AuthUser, @Body() body: CreateClosureDayDto): Promise<ClosureDayDto> {
    return this.shifts.addClosureDay(user, body);
  }
}
