import { Body, Controller, Get, Headers, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { wantsCsv } from '../outcomes/outcomes.controller';
import { STAFF_ROLES } from '../users/roles';
import { CostCentresService } from './cost-centres.service';
import { CostCentreDto, CostCentreUsersDto, CreateCostCentreDto, StatementDto, StatementQueryDto, UpdateCostCentreDto } from './dto/orders.dto';
import { statementCsv } from './statement-csv';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/cost-centres')
export class CostCentresController {
  constructor(private readonly costCentres: CostCentresService) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Cost centres, each with whether the caller may order on it' })
  @ApiOkResponse({ type: [CostCentreDto] })
  list(@CurrentUser() user: AuthUser): Promise<CostCentreDto[]> {
    return this.costCentres.list(user);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Add a cost centre (409 COST_CENTRE_CODE_TAKEN)' })
  @ApiCreatedResponse({ type: CostCentreDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateCostCentreDto): Promise<CostCentreDto> {
    return this.costCentres.create(user, body);
  }

  @Patch(':code')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Rename, close (active: false) or reopen a cost centre, or change its budget holder' })
  @ApiOkResponse({ type: CostCentreDto })
  update(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: UpdateCostCentreDto): Promise<CostCentreDto> {
    return this.costCentres.update(user, code, body);
  }

  @Put(':code/users')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Who, besides the staff of its ward, may order on the cost centre (replaces the list)' })
  @ApiOkResponse({ type: CostCentreDto })
  setUsers(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: CostCentreUsersDto): Promise<CostCentreDto> {
    return this.costCentres.setUsers(user, code, body.userIds);
  }

  @Get(':code/statement')
  @Roles('ADMIN', 'ENTERPRISE_LEAD', 'OT', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: 'The month’s recharge statement: every delivered order with reference, date, lines and total, and the ledger total beside it (JSON; CSV with Accept: text/csv)' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: StatementDto })
  async statement(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query() q: StatementQueryDto, @Headers('accept') accept: string | undefined, @Res() res: Response): Promise<void> {
    const s = await this.costCentres.statement(user, code, q.month);
    if (!wantsCsv(accept)) {
      res.json(s);
      return;
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="recharges-${s.costCentreCode}-${s.month}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(statementCsv(s));
  }
}
