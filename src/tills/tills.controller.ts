import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { toCsv } from '../ledger/csv';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { CashMovementDto, CashMovementInputDto, CloseResultDto, CloseSessionDto, OpenSessionDto, PurchasesQueryDto, RefundInputDto, SaleDto, SaleInputDto, SessionDto, StockItemDto, StockReceiptDto, StockResultDto, StockTakeDto } from './dto/tills.dto';
import { TillsService, type ZReport } from './tills.service';

const LEADS = ['ADMIN', 'ENTERPRISE_LEAD'] as const;
/** Patients may work the till while on shift; the service checks shift, role and restrictions. */
const OPERATORS = ['ADMIN', 'ENTERPRISE_LEAD', 'PATIENT'] as const;

@ApiTags('tills')
@ApiBearerAuth()
@Controller('api')
export class TillsController {
  constructor(private readonly tills: TillsService) {}

  @Post('enterprises/:id/till-sessions')
  @Roles(...LEADS)
  @ApiOperation({ summary: 'Open a session on a till with an opening float (default: the cash counted at its last close); one open session per till (409 TILL_ALREADY_OPEN)' })
  @ApiCreatedResponse({ type: SessionDto })
  open(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: OpenSessionDto): Promise<SessionDto> {
    return this.tills.open(user, id, body);
  }

  @Get('enterprises/:id/till-sessions')
  @Roles(...LEADS)
  @ApiOperation({ summary: 'The enterprise’s latest till sessions' })
  @ApiOkResponse({ type: [SessionDto] })
  sessions(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<SessionDto[]> {
    return this.tills.listSessions(user, id);
  }

  @Get('till-sessions/:id')
  @Roles(...OPERATORS)
  @ApiOperation({ summary: 'One till session' })
  @ApiOkResponse({ type: SessionDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<SessionDto> {
    return this.tills.get(user, id);
  }

  @Post('till-sessions/:id/sales')
  @Roles(...OPERATORS)
  @ApiOperation({ summary: 'A sale: 201 when made, 200 with the original when this clientId was sold before. 409 STOCK_INSUFFICIENT, NOT_ON_SHIFT, RESTRICTION; 422 PAYMENT_SHORT, CHANGE_NOT_CASH' })
  @ApiCreatedResponse({ type: SaleDto })
  async sell(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: SaleInputDto, @Res({ passthrough: true }) res: Response): Promise<SaleDto> {
    const { sale, created } = await this.tills.sell(user, id, body);
    res.status(created ? 201 : 200);
    return sale;
  }

  @Post('sales/:id/refunds')
  @Roles(...OPERATORS)
  @ApiOperation({ summary: 'Refund against a sale (at most what was sold), paid back by the sale’s own methods; stock goes back; made in the till’s open session' })
  @ApiCreatedResponse({ type: SaleDto })
  async refund(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: RefundInputDto, @Res({ passthrough: true }) res: Response): Promise<SaleDto> {
    const { sale, created } = await this.tills.refund(user, id, body);
    res.status(created ? 201 : 200);
    return sale;
  }

  @Post('till-sessions/:id/cash-movements')
  @Roles(...OPERATORS)
  @ApiOperation({ summary: 'Cash put into (IN) or taken out of (OUT) the drawer, with a reason' })
  @ApiCreatedResponse({ type: CashMovementDto })
  cash(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: CashMovementInputDto): Promise<CashMovementDto> {
    return this.tills.cashMovement(user, id, body);
  }

  @Post('till-sessions/:id/close')
  @HttpCode(200)
  @Roles(...OPERATORS)
  @ApiOperation({ summary: 'Close with the counted cash: posts one journal entry for the session (takings by method, sales by income account, cost of goods, Cash over/short)' })
  @ApiOkResponse({ type: CloseResultDto })
  close(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: CloseSessionDto): Promise<CloseResultDto> {
    return this.tills.close(user, id, body);
  }

  @Get('till-sessions/:id/z-report')
  @Roles(...LEADS)
  @ApiOperation({ summary: 'Z report: sales by product and category, payments by method, refunds, cash movements, expected vs counted, operators' })
  @ApiOkResponse({ description: 'The Z report' })
  zReport(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ZReport> {
    return this.tills.zReport(user, id);
  }

  @Get('till/patient-account-purchases.csv')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'For the patients’ monies office: every purchase paid from a patient’s account (and refund to it) between two dates, as CSV' })
  @ApiOkResponse({ description: 'text/csv' })
  async patientPurchasesCsv(@Query() q: PurchasesQueryDto, @Res() res: Response): Promise<void> {
    const rows = await this.tills.patientAccountPurchases(q.from, q.to);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="patient-account-purchases-${q.from}-to-${q.to}.csv"`);
    res.send(toCsv(['at', 'hospital_number', 'patient', 'enterprise', 'sale_id', 'kind', 'items', 'amount_pence'], rows.map((r) => [r.on, r.hospitalNumber, r.patientName, r.enterpriseName, r.saleId, r.kind, r.items, r.amountPence])));
  }

  @Get('enterprises/:id/stock')
  @Roles(...LEADS)
  @ApiOperation({ summary: 'Stock on hand of tracked products at moving average cost; `low` when below the reorder level' })
  @ApiOkResponse({ type: [StockItemDto] })
  stock(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<StockItemDto[]> {
    return this.tills.stock(user, id);
  }

  @Post('enterprises/:id/stock-receipts')
  @Roles(...LEADS)
  @ApiOperation({ summary: 'Goods received (quantity, unit cost); postPurchase posts Dr 1200 Stock / Cr 1100 Bank' })
  @ApiCreatedResponse({ type: StockResultDto })
  receive(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: StockReceiptDto): Promise<StockResultDto> {
    return this.tills.receive(user, id, body);
  }

  @Post('enterprises/:id/stock-takes')
  @Roles(...LEADS)
  @ApiOperation({ summary: 'A stock take: counted quantities with a reason; the difference is posted at average cost (5400 Stock adjustments)' })
  @ApiCreatedResponse({ type: StockResultDto })
  take(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: StockTakeDto): Promise<StockResultDto> {
    return this.tills.take(user, id, body);
  }
}
