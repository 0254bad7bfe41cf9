import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { UserWard } from './user-ward.entity';
import { User } from './user.entity';

@Injectable()
export class UsersRepository {
  findById(em: EntityManager, id: string): Promise<User | null> {
    return em.findOne(User, { where: { id } });
  }

  findByUsername(em: EntityManager, username: string): Promise<User | null> {
    return em.findOne(User, { where: { username: username.trim().toLowerCase() } });
  }

  async findWardIds(em: EntityManager, userId: string): Promise<string[]> {
    const rows = await em.find(UserWard, { where: { userId }, order: { wardId: 'ASC' } });
    return rows.map((r) => r.wardId);
  }

  async findWardIdsForUsers(em: EntityManager, userIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
    if (!userIds.length) return map;
    for (const row of await em.find(UserWard, { where: { userId: In(userIds) } })) map.get(row.userId)?.push(row.wardId);
    return map;
  }

  async replaceWards(em: EntityManager, userId: string, wardIds: string[]): Promise<void> {
    await em.delete(UserWard, { userId });
    if (wardIds.length) await em.insert(UserWard, [...new Set(wardIds)].map((wardId) => ({ userId, wardId })));
  }

  findPage(em: EntityManager, opts: { limit: number; offset: number; role?: string; q?: string }): Promise<[User[], number]> {
    const qb = em.createQueryBuilder(User, 'u').orderBy('u.username', 'ASC').take(opts.limit).skip(opts.offset);
    if (opts.role) qb.andWhere('u.role = :role', { role: opts.role });
    if (opts.q) qb.andWhere('(LOWER(u.username) LIKE :q OR LOWER(u.displayName) LIKE :q)', { q: `%${opts.q.toLowerCase()}%` });
    return qb.getManyAndCount();
  }
}
