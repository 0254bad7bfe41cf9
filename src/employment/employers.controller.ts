import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { CreateEmployerContactDto, CreateEmployerDto } from './dto/employment.dto';
import { OutsideWorkService } from './outside-work.service';

@ApiTags('employment')
@ApiBearerAuth()
@Controller('api')
export class EmployersController {
  constructor(private readonly outside: OutsideWorkService) {}

  @Get('employers')
  @Roles('ADMIN', 'OT', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: 'The employer directory' })
  @ApiOkResponse({ description: '[{ id, name, sector, contact, notes }]' })
  list() {
    return this.outside.employers();
  }

  @Post('employers')
  @Roles('ADMIN', 'OT', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: 'Add an employer or provider to the directory' })
  @ApiCreatedResponse({ description: 'The employer' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateEmployerDto) {
    return this.outside.createEmployer(user, body);
  }

  @Post('employer-contacts')
  @Roles('EMPLOYMENT_SPECIALIST', 'OT')
  @ApiOperation({ summary: "Record the caller's contact with an employer, for a person or in general" })
  @ApiCreatedResponse({ description: 'The contact' })
  contact(@CurrentUser() user: AuthUser, @Body() body: CreateEmployerContactDto) {
    return this.outside.createContact(user, body);
  }
}
