import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { isId, ParseIdPipe } from '../common/validation/parse-id.pipe';
import { cleanForm, handleForm, renderForm, type FormSpec } from '../web/form-page';
import { CREDENTIALS_CONFIG } from './credentials.tokens';
import type { CredentialsConfig } from './credentials-config';
import { CREDENTIAL_ISSUER_ROLES, CREDENTIAL_READER_ROLES, CREDENTIAL_REVOKER_ROLES, CredentialsService } from './credentials.service';
import { RevokeCredentialDto } from './dto/credentials.dto';
import { LEVEL_NAMES } from './open-badge';

type FormBody = Record<string, unknown>;

const DONE_TEXT: Record<string, string> = {
  issued: 'The credential was issued. It can be downloaded below.',
  revoked: 'The credential was revoked. Anyone who checks it now sees that it was revoked.',
};

function field(body: FormBody, name: string): string {
  const v = body?.[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** A refused issue (409/422) becomes an error summary on the page; anything else is thrown on. */
function refusalOf(err: unknown): { status: number; message: string } | null {
  if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) return null;
  return { status: err.status, message: err.message };
}

/**
 * Pages: the patient's own credentials (download, how an employer checks one, and asking for one
 * for a verified skill), and the staff page to issue and revoke for patients in scope.
 */
@ApiExcludeController()
@Controller()
export class CredentialsPagesController {
  constructor(
    private readonly credentials: CredentialsService,
    @Inject(CREDENTIALS_CONFIG) private readonly config: CredentialsConfig,
  ) {}

  @Get('my/credentials')
  @Roles('PATIENT')
  async mine(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    await this.renderMine(res, user, { done });
  }

  @Post('my/credentials')
  @Roles('PATIENT')
  async askForOne(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const skillLogId = field(body, 'skillLogId');
    if (!isId(skillLogId)) return this.renderMine(res, user, { error: 'Choose a skill to get a credential for' }, 422);
    try {
      await this.credentials.issue(user, skillLogId.toLowerCase());
      res.redirect(303, '/my/credentials?done=issued');
    } catch (err) {
      const r = refusalOf(err);
      if (!r) throw err;
      await this.renderMine(res, user, { error: r.message }, r.status);
    }
  }

  @Get('credentials')
  @Roles(...CREDENTIAL_READER_ROLES)
  async staff(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('patientId') patientId?: string, @Query('done') done?: string): Promise<void> {
    await this.renderStaff(res, user, { patientId, done });
  }

  @Post('credentials')
  @Roles(...CREDENTIAL_ISSUER_ROLES)
  async issue(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const patientId = field(body, 'patientId');
    const skillLogId = field(body, 'skillLogId');
    if (!isId(patientId)) throw AppError.notFound('Patient');
    if (!isId(skillLogId)) return this.renderStaff(res, user, { patientId, error: 'Choose a skill log entry to issue a credential for' }, 422);
    try {
      await this.credentials.issue(user, skillLogId.toLowerCase());
      res.redirect(303, `/credentials?patientId=${patientId.toLowerCase()}&done=issued`);
    } catch (err) {
      const r = refusalOf(err);
      if (!r) throw err;
      await this.renderStaff(res, user, { patientId, error: r.message }, r.status);
    }
  }

  @Get('credentials/:id/revoke')
  @Roles(...CREDENTIAL_REVOKER_ROLES)
  async revokeForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const c = await this.credentials.get(user, id);
    renderForm(res, this.revokeSpec(id, c.name, c.patientId));
  }

  @Post('credentials/:id/revoke')
  @Roles(...CREDENTIAL_REVOKER_ROLES)
  async revoke(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const c = await this.credentials.get(user, id);
    const spec = this.revokeSpec(id, c.name, c.patientId);
    await handleForm(res, spec, RevokeCredentialDto, cleanForm(body, spec.fields), async (dto) => {
      await this.credentials.revoke(user, id, dto.reason);
      return `/credentials?patientId=${c.patientId}&done=revoked`;
    });
  }

  private revokeSpec(id: string, name: string, patientId: string): FormSpec {
    return {
      title: 'Revoke this credential',
      caption: name,
      intro: 'Anyone who checks the credential will see that it was revoked, and when. The reason stays in WardWorks and is not published.',
      action: `/credentials/${id}/revoke`,
      submit: 'Revoke credential',
      submitClasses: 'nhsuk-button--warning',
      cancel: `/credentials?patientId=${patientId}`,
      fields: [{ name: 'reason', label: 'Why is it revoked?', type: 'textarea', hint: 'For example, it was issued for the wrong skill log entry.' }],
    };
  }

  private async renderMine(res: Response, user: AuthUser, extra: { done?: string; error?: string }, status = 200): Promise<void> {
    const patientId = user.patientId ?? '';
    const { items } = await this.credentials.list(user, { limit: 200, offset: 0 });
    const eligible = patientId ? await this.credentials.eligible(user, patientId) : [];
    res.status(status).render('credentials/views/my-credentials.njk', {
      ...res.locals,
      credentials: items,
      eligible,
      levelNames: LEVEL_NAMES,
      publicUrl: this.config.publicUrl,
      doneText: extra.done ? DONE_TEXT[extra.done] : undefined,
      errorList: extra.error ? [{ text: extra.error, href: '#get-a-credential' }] : undefined,
    });
  }

  private async renderStaff(res: Response, user: AuthUser, extra: { patientId?: string; done?: string; error?: string }, status = 200): Promise<void> {
    const choices = await this.credentials.patientChoices(user);
    const patientId = extra.patientId && isId(extra.patientId) ? extra.patientId.toLowerCase() : undefined;
    if (extra.patientId && !patientId) throw AppError.notFound('Patient');
    let patient: { id: string; displayName: string } | undefined;
    let credentials: Awaited<ReturnType<CredentialsService['list']>>['items'] = [];
    let eligible: Awaited<ReturnType<CredentialsService['eligible']>> = [];
    if (patientId) {
      const page = await this.credentials.list(user, { limit: 200, offset: 0, patientId });
      credentials = page.items;
      eligible = await this.credentials.eligible(user, patientId);
      patient = choices.find((p) => p.id === patientId);
    }
    res.status(status).render('credentials/views/credentials.njk', {
      ...res.locals,
      choices,
      patientId,
      patient,
      credentials,
      eligible,
      levelNames: LEVEL_NAMES,
      canIssue: CREDENTIAL_ISSUER_ROLES.includes(user.role),
      canRevoke: CREDENTIAL_REVOKER_ROLES.includes(user.role),
      doneText: extra.done ? DONE_TEXT[extra.done] : undefined,
      errorList: extra.error ? [{ text: extra.error, href: '#issue' }] : undefined,
    });
  }
}
