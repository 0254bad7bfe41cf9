import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { ApiToken } from './api-token.entity';
import { Session } from './session.entity';

@Injectable()
export class CredentialsRepository {
  findLiveSessionByHash(em: EntityManager, tokenHash: string): Promise<Session | null> {
    return em.findOne(Session, { where: { tokenHash, revokedAt: IsNull() } });
  }

  findLiveTokenByHash(em: EntityManager, tokenHash: string): Promise<ApiToken | null> {
    return em.findOne(ApiToken, { where: { tokenHash, revokedAt: IsNull() } });
  }

  async revokeAllForUser(em: EntityManager, userId: string, at: Date): Promise<void> {
    await em.update(Session, { userId, revokedAt: IsNull() }, { revokedAt: at });
    await em.update(ApiToken, { userId, revokedAt: IsNull() }, { revokedAt: at });
  }
}
