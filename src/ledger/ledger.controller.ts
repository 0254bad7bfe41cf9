import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AppError } from '../common/errors/app-error';
import type { Page } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { AccountDto, CreateAccountDto, JournalEntryDto, JournalPageDto, JournalQueryDto, PeriodDto, PostEntryDto, ReversalDto, VerifyDto } from './dto/ledger.dto';
import { MONTH } from './ledger-rules';
import { LedgerService } from './ledger.service';

/** Answers 201 for a new entry, 200 when the same request was already posted (the original entry). */
export function answerPosted(res: Response, posted: { entry: JournalEntryDto; created: boolean }): JournalEntryDto {
  res.status(posted.created ? 201 : 200);
  return posted.entry;
}

function month(value: string): string {
  if (!MONTH.test(value)) throw AppError.validation('month must be YYYY-MM', [{ field: 'month', message: 'month must be YYYY-MM' }]);
  return value;
}

@ApiTags('ledger')
@ApiBearerAuth()
@Roles('ADMIN', 'ENTERPRISE_LEAD')
@Controller('api')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Get('enterprises/:id/accounts')
  @ApiOperation({ summary: 'The enterprise’s accounts (the template ones are created on first use)' })
  @ApiOkResponse({ type: [AccountDto] })
  accounts(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<AccountDto[]> {
    return this.ledger.accounts(user, id);
  }

  @Post('enterprises/:id/accounts')
  @ApiOperation({ summary: 'Add an account (409 ACCOUNT_CODE_TAKEN when the code exists)' })
  @ApiCreatedResponse({ type: AccountDto })
  addAccount(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: CreateAccountDto): Promise<AccountDto> {
    return this.ledger.addAccount(user, id, body);
  }

  @Post('enterprises/:id/accounts/:code/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close an account: it keeps its history and takes no new lines. Accounts are never deleted.' })
  @ApiOkResponse({ type: AccountDto })
  closeAccount(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('code') code: string): Promise<AccountDto> {
    return this.ledger.closeAccount(user, id, code);
  }

  @Get('enterprises/:id/journal-entries')
  @ApiOperation({ summary: 'The journal, newest first, filtered by date range, source or account' })
  @ApiOkResponse({ type: JournalPageDto })
  list(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query() q: JournalQueryDto): Promise<Page<JournalEntryDto>> {
    return this.ledger.list(user, id, q);
  }

  @Post('enterprises/:id/journal-entries')
  @ApiOperation({ summary: 'Post a journal entry. 201 new; 200 the original when the same key and content were posted before; 409 IDEMPOTENCY_CONFLICT for the same key with other content' })
  @ApiCreatedResponse({ type: JournalEntryDto })
  @ApiUnprocessableEntityResponse({ description: 'LEDGER_UNBALANCED, LEDGER_TOO_FEW_LINES, LEDGER_LINE_ONE_SIDE, UNKNOWN_ACCOUNT, ACCOUNT_CLOSED' })
  @ApiConflictResponse({ description: 'IDEMPOTENCY_CONFLICT, PERIOD_CLOSED' })
  async post(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: PostEntryDto, @Res({ passthrough: true }) res: Response): Promise<JournalEntryDto> {
    return answerPosted(res, await this.ledger.postManual(user, id, body));
  }

  @Get('journal-entries/:id')
  @ApiOperation({ summary: 'One journal entry with its lines and, if reversed, the reversing entry' })
  @ApiOkResponse({ type: JournalEntryDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<JournalEntryDto> {
    return this.ledger.get(user, id);
  }

  @Post('journal-entries/:id/reversal')
  @ApiOperation({ summary: 'Post the mirror entry that reverses this one (dated today unless occurredOn is given); 409 ALREADY_REVERSED the second time' })
  @ApiCreatedResponse({ type: JournalEntryDto })
  async reverse(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: ReversalDto, @Res({ passthrough: true }) res: Response): Promise<JournalEntryDto> {
    return answerPosted(res, await this.ledger.reverse(user, id, body));
  }

  @Get('enterprises/:id/ledger/verify')
  @ApiOperation({ summary: 'Recompute the hash chain from the stored rows: { valid, entries, firstBadEntryId? }' })
  @ApiOkResponse({ type: VerifyDto })
  verify(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<VerifyDto> {
    return this.ledger.verify(user, id);
  }

  @Get('enterprises/:id/periods')
  @ApiOperation({ summary: 'Closed months' })
  @ApiOkResponse({ type: [PeriodDto] })
  periods(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<PeriodDto[]> {
    return this.ledger.periods(user, id);
  }

  @Post('enterprises/:id/periods/:month/close')
  @ApiOperation({ summary: 'Close a month (YYYY-MM) for good: it takes no new entries' })
  @ApiCreatedResponse({ type: PeriodDto })
  closePeriod(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('month') m: string): Promise<PeriodDto> {
    return this.ledger.closePeriod(user, id, month(m));
  }
}
