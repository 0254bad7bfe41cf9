import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/request-context';
import type { JournalEntryDto } from './dto/ledger.dto';
import type { IncomeDto, PurchaseDto, TakingsDto } from './dto/money.dto';
import { LedgerService } from './ledger.service';
import { grantEntry, internalContractEntry, purchaseEntry, takingsEntry, type SimpleEntry } from './money-entries';

type Answer = Promise<{ entry: JournalEntryDto; created: boolean }>;

/** Everyday money: each form makes the right double entry (see money-entries.ts). */
@Injectable()
export class MoneyService {
  constructor(private readonly ledger: LedgerService) {}

  takings(user: AuthUser, enterpriseId: string, dto: TakingsDto): Answer {
    return this.post(user, enterpriseId, dto, takingsEntry(dto.method, dto.amountPence, dto.description));
  }

  purchase(user: AuthUser, enterpriseId: string, dto: PurchaseDto): Answer {
    return this.post(user, enterpriseId, dto, purchaseEntry(dto.category, dto.paidFrom, dto.amountPence, dto.description));
  }

  internalContract(user: AuthUser, enterpriseId: string, dto: IncomeDto): Answer {
    return this.post(user, enterpriseId, dto, internalContractEntry(dto.amountPence, dto.description));
  }

  grant(user: AuthUser, enterpriseId: string, dto: IncomeDto): Answer {
    return this.post(user, enterpriseId, dto, grantEntry(dto.amountPence, dto.description));
  }

  private post(user: AuthUser, enterpriseId: string, dto: { idempotencyKey: string; occurredOn: string; postToNextOpenPeriod?: boolean }, e: SimpleEntry): Answer {
    return this.ledger.postAs(user, enterpriseId, { ...e, idempotencyKey: dto.idempotencyKey, occurredOn: dto.occurredOn, postToNextOpenPeriod: dto.postToNextOpenPeriod });
  }
}
