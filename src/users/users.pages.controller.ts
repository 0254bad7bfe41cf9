import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { validateForm } from '../common/validation/validation';
import { WardsService } from '../wards/wards.service';
import { CreateUserDto } from './dto/users.dto';
import { ROLE_LABELS, ROLES } from './roles';
import { UsersService } from './users.service';

function asArray(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

@ApiExcludeController()
@Roles('ADMIN')
@Controller('admin/users')
export class UsersPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly wards: WardsService,
  ) {}

  @Get()
  @Render('users/views/list.njk')
  async list(@Query('q') q?: string, @Query('page') page?: string) {
    const pageNo = Math.max(1, Number(page) || 1);
    const result = await this.users.list({ limit: 25, offset: (pageNo - 1) * 25, q: q?.trim() || undefined });
    return { result, q: q ?? '', pageNo, pages: Math.max(1, Math.ceil(result.total / 25)), roleLabels: ROLE_LABELS };
  }

  @Get('new')
  @Render('users/views/new.njk')
  async newPage() {
    return { values: { role: 'OT', wardIds: [] }, roles: ROLES, roleLabels: ROLE_LABELS, wards: await this.wards.listAll() };
  }

  @Post('new')
  async create(@Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const input = {
      username: String(body.username ?? '').trim().toLowerCase(),
      displayName: String(body.displayName ?? '').trim(),
      role: String(body.role ?? ''),
      wardIds: asArray(body.wardIds),
      ...(body.patientId ? { patientId: String(body.patientId) } : {}),
    };
    const form = await validateForm(CreateUserDto, input);
    if (!form.errorList.length) {
      try {
        const created = await this.users.create(form.value);
        res.status(201).render('users/views/created.njk', { ...res.locals, created, roleLabels: ROLE_LABELS });
        return;
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        const details = Array.isArray(err.details) ? err.details : [{ field: 'username', message: err.message }];
        for (const d of details) {
          const field = d.field ?? 'username';
          if (!form.errors[field]) {
            form.errors[field] = d.message;
            form.errorList.push({ text: d.message, href: `#${field}` });
          }
        }
      }
    }
    res.status(422).render('users/views/new.njk', { ...res.locals, values: input, errors: form.errors, errorList: form.errorList, roles: ROLES, roleLabels: ROLE_LABELS, wards: await this.wards.listAll() });
  }

  @Get(':id')
  @Render('users/views/show.njk')
  async show(@Param('id', ParseIdPipe) id: string, @Query('done') done?: string) {
    return { user: await this.users.get(id), wards: await this.wards.listAll(), roles: ROLES, roleLabels: ROLE_LABELS, done };
  }

  @Post(':id/wards')
  async setWards(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    await this.users.update(actor, id, { wardIds: asArray(body.wardIds) });
    res.redirect(303, `/admin/users/${id}?done=wards`);
  }

  @Post(':id/deactivate')
  async deactivate(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.users.setActive(actor, id, false);
    res.redirect(303, `/admin/users/${id}?done=deactivated`);
  }

  @Post(':id/reactivate')
  async reactivate(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.users.setActive(actor, id, true);
    res.redirect(303, `/admin/users/${id}?done=reactivated`);
  }

  @Post(':id/reset-password')
  async reset(@Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const { temporaryPassword } = await this.users.resetPassword(id);
    const user = await this.users.get(id);
    res.render('users/views/reset.njk', { ...res.locals, user, temporaryPassword });
  }
}
