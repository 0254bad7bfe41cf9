import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../../enterprises/enterprises.module';
import { PatientsModule } from '../../patients/patients.module';
import { RotaModule } from '../rota.module';
import { AttendanceController } from './attendance.controller';
import { AttendancePagesController } from './attendance.pages.controller';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceService } from './attendance.service';
import { CalendarController } from './calendar.controller';
import { CalendarFeedsService } from './calendar-feeds.service';
import { CalendarService } from './calendar.service';
import { MyWeekPagesController } from './my-week.pages.controller';
import { MyWeekService } from './my-week.service';
import { TimesheetsController } from './timesheets.controller';
import { TimesheetsService } from './timesheets.service';
import { WardTodayPagesController } from './ward-today.pages.controller';

/** Attendance, pay, weekly timesheets and calendar feeds. */
@Module({
  imports: [RotaModule, PatientsModule, EnterprisesModule],
  controllers: [AttendanceController, TimesheetsController, CalendarController, AttendancePagesController, WardTodayPagesController, MyWeekPagesController],
  providers: [AttendanceRepository, AttendanceService, TimesheetsService, CalendarService, CalendarFeedsService, MyWeekService],
  exports: [AttendanceService, TimesheetsService],
})
export class AttendanceModule {}
