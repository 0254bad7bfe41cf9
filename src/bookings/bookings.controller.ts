import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { STAFF_ROLES } from '../users/roles';
import { BookingsService } from './bookings.service';
import { AvailabilityDto, AvailabilityQueryDto, BookingQueryDto, CancelBookingDto, CreateBookingDto, DaySheetQueryDto, OpeningHoursDto, OpeningPeriodDto, ServiceBookingDto } from './dto/bookings.dto';

@ApiTags('bookings')
@ApiBearerAuth()
@Roles(...STAFF_ROLES)
@Controller('api')
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Get('enterprises/:id/opening-hours')
  @ApiOperation({ summary: 'Opening periods per weekday (London time) that services are booked within' })
  @ApiOkResponse({ type: [OpeningPeriodDto] })
  openingHours(@Param('id', ParseIdPipe) id: string): Promise<OpeningPeriodDto[]> {
    return this.bookings.openingHours(id);
  }

  @Put('enterprises/:id/opening-hours')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'Replace the opening periods (leads of the enterprise, admins)' })
  @ApiOkResponse({ type: [OpeningPeriodDto] })
  setOpeningHours(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: OpeningHoursDto): Promise<OpeningPeriodDto[]> {
    return this.bookings.setOpeningHours(user, id, body.periods);
  }

  @Get('enterprises/:id/availability')
  @ApiOperation({ summary: 'Slots of a service between two London dates with the places left: opening hours minus bookings, buffers, closure days and the minimum notice' })
  @ApiOkResponse({ type: AvailabilityDto })
  availability(@Param('id', ParseIdPipe) id: string, @Query() q: AvailabilityQueryDto): Promise<AvailabilityDto> {
    return this.bookings.availability(id, q);
  }

  @Post('service-bookings')
  @ApiOperation({ summary: 'Book a slot for yourself (a lead may name a phone customer); 409 SLOT_FULL when the slot has no place left' })
  @ApiCreatedResponse({ type: ServiceBookingDto })
  @ApiConflictResponse({ description: 'SLOT_FULL' })
  book(@CurrentUser() user: AuthUser, @Body() body: CreateBookingDto): Promise<ServiceBookingDto> {
    return this.bookings.book(user, body);
  }

  @Post('service-bookings/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel with a reason (customers up to the service’s cut-off); frees the place' })
  @ApiOkResponse({ type: ServiceBookingDto })
  cancel(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: CancelBookingDto): Promise<ServiceBookingDto> {
    return this.bookings.cancel(user, id, body.reason);
  }

  @Post('service-bookings/:id/complete')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @HttpCode(200)
  @ApiOperation({ summary: 'The enterprise marks a booking done; a recharge booking posts Dr 1300 Internal recharges receivable / Cr 4100 Internal contracts and joins the cost centre’s statement' })
  @ApiOkResponse({ type: ServiceBookingDto })
  complete(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ServiceBookingDto> {
    return this.bookings.complete(user, id);
  }

  @Get('service-bookings')
  @ApiOperation({ summary: 'Your bookings (mine=true), or the bookings of the enterprises you lead' })
  @ApiOkResponse({ type: [ServiceBookingDto] })
  list(@CurrentUser() user: AuthUser, @Query() q: BookingQueryDto): Promise<ServiceBookingDto[]> {
    return this.bookings.list(user, q);
  }

  @Get('enterprises/:id/day-sheet')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'The enterprise’s day: orders to fulfil and services booked' })
  daySheet(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query() q: DaySheetQueryDto): Promise<unknown> {
    return this.bookings.daySheet(user, id, q.date);
  }
}
