import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { JournalEntryDto } from './dto/ledger.dto';
import { IncomeDto, PurchaseDto, TakingsDto } from './dto/money.dto';
import { answerPosted } from './ledger.controller';
import { MoneyService } from './money.service';

@ApiTags('ledger')
@ApiBearerAuth()
@Roles('ADMIN', 'ENTERPRISE_LEAD')
@Controller('api/enterprises/:id')
export class MoneyController {
  constructor(private readonly money: MoneyService) {}

  @Post('takings')
  @ApiOperation({ summary: 'Daily takings: Dr Cash (cash) or Bank (card) / Cr Sales' })
  @ApiCreatedResponse({ type: JournalEntryDto })
  async takings(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: TakingsDto, @Res({ passthrough: true }) res: Response): Promise<JournalEntryDto> {
    return answerPosted(res, await this.money.takings(user, id, body));
  }

  @Post('purchases')
  @ApiOperation({ summary: 'A purchase: Dr Cost of goods, Equipment, Training or Other costs / Cr Cash or Bank' })
  @ApiCreatedResponse({ type: JournalEntryDto })
  async purchase(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: PurchaseDto, @Res({ passthrough: true }) res: Response): Promise<JournalEntryDto> {
    return answerPosted(res, await this.money.purchase(user, id, body));
  }

  @Post('internal-contracts')
  @ApiOperation({ summary: 'Internal-contract income from a hospital department: Dr Bank / Cr Internal contracts' })
  @ApiCreatedResponse({ type: JournalEntryDto })
  async internalContract(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: IncomeDto, @Res({ passthrough: true }) res: Response): Promise<JournalEntryDto> {
    return answerPosted(res, await this.money.internalContract(user, id, body));
  }

  @Post('grants')
  @ApiOperation({ summary: 'A grant received: Dr Bank / Cr Grants' })
  @ApiCreatedResponse({ type: JournalEntryDto })
  async grant(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: IncomeDto, @Res({ passthrough: true }) res: Response): Promise<JournalEntryDto> {
    return answerPosted(res, await this.money.grant(user, id, body));
  }
}
