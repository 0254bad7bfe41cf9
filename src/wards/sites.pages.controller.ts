import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { isId } from '../common/validation/parse-id.pipe';
import { validateForm } from '../common/validation/validation';
import { addError, addServiceError, type FormBody, type FormErrors, text } from '../enterprises/enterprise-forms';
import { minutesToHoursAndMinutes, parseHoursAndMinutes, parsePoundsToPence, penceToPounds } from '../enterprises/form-values';
import type { SiteDto } from './sites.dto';
import { MAX_WEEKLY_HOURS_CAP_MINUTES, UpdateSiteDto } from './sites.dto';
import { SitesService } from './sites.service';

interface SettingsValues {
  earningsCap: string;
  hoursCap: string;
}

const FORM_FIELD: Record<string, string> = { defaultWeeklyEarningsCapPence: 'earningsCap', defaultWeeklyHoursCapMinutes: 'hoursCap' };
const MESSAGES: Record<string, string> = {
  earningsCap: 'Enter the weekly earnings cap in pounds and pence, like 195.50, or leave it blank for no default cap',
  hoursCap: `Enter the weekly hours cap as hours and minutes, like 15:59 (at most ${MAX_WEEKLY_HOURS_CAP_MINUTES / 60} hours), or leave it blank for no default cap`,
};

/** Admin settings: each site's default weekly benefits limits (UK permitted work). */
@ApiExcludeController()
@Roles('ADMIN')
@Controller('admin/settings')
export class SitesPagesController {
  constructor(private readonly sites: SitesService) {}

  @Get()
  async page(@Res() res: Response, @Query('site') siteId?: string, @Query('done') done?: string): Promise<void> {
    const { sites, site } = await this.chosen(siteId);
    const values = site
      ? {
          earningsCap: site.defaultWeeklyEarningsCapPence === null ? '' : penceToPounds(site.defaultWeeklyEarningsCapPence),
          hoursCap: site.defaultWeeklyHoursCapMinutes === null ? '' : minutesToHoursAndMinutes(site.defaultWeeklyHoursCapMinutes),
        }
      : { earningsCap: '', hoursCap: '' };
    this.render(res, 200, sites, site, values, { errors: {}, errorList: [] }, done === '1');
  }

  @Post()
  async save(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const { sites, site } = await this.chosen(text(body, 'siteId'), true);
    const values = { earningsCap: text(body, 'earningsCap').trim(), hoursCap: text(body, 'hoursCap').trim() };
    const form: FormErrors = { errors: {}, errorList: [] };
    const earnings = values.earningsCap === '' ? null : parsePoundsToPence(values.earningsCap);
    const hours = values.hoursCap === '' ? null : parseHoursAndMinutes(values.hoursCap);
    if (earnings === null && values.earningsCap !== '') addError(form, 'earningsCap', MESSAGES.earningsCap);
    if (hours === null && values.hoursCap !== '') addError(form, 'hoursCap', MESSAGES.hoursCap);
    const checked = await validateForm(UpdateSiteDto, { defaultWeeklyEarningsCapPence: earnings, defaultWeeklyHoursCapMinutes: hours });
    for (const field of Object.keys(checked.errors)) addError(form, FORM_FIELD[field] ?? field, MESSAGES[FORM_FIELD[field]] ?? checked.errors[field]);
    if (!form.errorList.length) {
      try {
        await this.sites.update(user, site!.id, checked.value);
        res.redirect(303, `/admin/settings?site=${site!.id}&done=1`);
        return;
      } catch (err) {
        addServiceError(form, err, (f) => FORM_FIELD[f] ?? 'earningsCap', 'earningsCap');
      }
    }
    this.render(res, 422, sites, site, values, form, false);
  }

  /** All sites and the one being edited: the one asked for, else the first. */
  private async chosen(siteId: string | undefined, required = false): Promise<{ sites: SiteDto[]; site: SiteDto | null }> {
    const sites = (await this.sites.list({ limit: 200, offset: 0 })).items;
    if (siteId && isId(siteId)) {
      const site = sites.find((s) => s.id === siteId.toLowerCase());
      if (site) return { sites, site };
    }
    if (required) throw AppError.notFound('Site');
    return { sites, site: sites[0] ?? null };
  }

  private render(res: Response, status: number, sites: SiteDto[], site: SiteDto | null, values: SettingsValues, form: FormErrors, done: boolean): void {
    res.status(status).render('wards/sites.settings.njk', {
      ...res.locals,
      sites,
      site,
      values,
      done,
      errors: form.errors,
      errorList: form.errorList,
      earningsCapText: site?.defaultWeeklyEarningsCapPence == null ? 'No default cap' : null,
      hoursCapText: site?.defaultWeeklyHoursCapMinutes == null ? 'No default cap' : minutesToHoursAndMinutes(site.defaultWeeklyHoursCapMinutes).replace(/^(\d+):(\d+)$/, '$1 hours $2 minutes'),
    });
  }
}
