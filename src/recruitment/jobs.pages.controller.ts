import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { ApplicationsService } from './applications.service';
import { refusal, text, withStage, type FormBody, type FormErrors } from './page-forms';
import { PlacementsService } from './placements.service';
import { RECRUITMENT_LABELS } from './recruitment-labels';
import { VacanciesService } from './vacancies.service';

const PAGE_SIZE = 20;

/** The patient's own pages: open jobs, their applications (with feedback and offers) and their jobs. */
@ApiExcludeController()
@Roles('PATIENT')
@Controller()
export class JobsPagesController {
  constructor(
    private readonly vacancies: VacanciesService,
    private readonly applications: ApplicationsService,
    private readonly placements: PlacementsService,
  ) {}

  @Get('jobs')
  async jobs(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('page') page?: string): Promise<void> {
    const pageNo = Math.max(1, Number(page) || 1);
    const result = await this.vacancies.list(user, { limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE });
    res.render('recruitment/views/jobs.njk', { ...res.locals, result, pageNo, pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)), labels: RECRUITMENT_LABELS });
  }

  @Get('jobs/:id')
  async job(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.renderJob(res, user, id, { values: {} });
  }

  @Post('jobs/:id/apply')
  async apply(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const statement = text(body, 'statement');
    if (statement.length > 4000) {
      return this.renderJob(res, user, id, { errors: { statement: 'Write 4,000 characters or fewer' }, errorList: [{ text: 'Write 4,000 characters or fewer', href: '#statement' }], values: body }, 422);
    }
    try {
      await this.applications.apply(user, id, { statement: statement || undefined });
      res.redirect(303, '/my/applications?done=applied');
    } catch (err) {
      const r = refusal(err, 'statement');
      if (!r) throw err;
      await this.renderJob(res, user, id, { ...r, values: body }, r.status);
    }
  }

  @Get('my/applications')
  async myApplications(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    await this.renderMyApplications(res, user, { done });
  }

  @Post('my/applications/:id/offers/:offerId/accept')
  async accept(@CurrentUser() user: AuthUser, @Param('offerId', ParseIdPipe) offerId: string, @Res() res: Response): Promise<void> {
    try {
      await this.applications.acceptOffer(user, offerId);
      res.redirect(303, '/my/jobs?done=accepted');
    } catch (err) {
      const r = refusal(err, 'offer');
      if (!r) throw err;
      await this.renderMyApplications(res, user, r, r.status);
    }
  }

  @Post('my/applications/:id/offers/:offerId/decline')
  async decline(@CurrentUser() user: AuthUser, @Param('offerId', ParseIdPipe) offerId: string, @Res() res: Response): Promise<void> {
    await this.change(res, user, 'declined', () => this.applications.declineOffer(user, offerId));
  }

  @Post('my/applications/:id/withdraw')
  async withdraw(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.change(res, user, 'withdrawn', () => this.applications.withdraw(user, id, {}));
  }

  @Get('my/jobs')
  async myJobs(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    const { items } = await this.placements.list(user, { limit: 200, offset: 0 });
    res.render('recruitment/views/my-jobs.njk', {
      ...res.locals,
      current: items.filter((p) => p.status === 'ACTIVE'),
      past: items.filter((p) => p.status === 'ENDED'),
      done,
      labels: RECRUITMENT_LABELS,
    });
  }

  private async change(res: Response, user: AuthUser, done: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
      res.redirect(303, `/my/applications?done=${done}`);
    } catch (err) {
      const r = refusal(err, 'offer');
      if (!r) throw err;
      await this.renderMyApplications(res, user, r, r.status);
    }
  }

  private async renderJob(res: Response, user: AuthUser, id: string, extra: Partial<FormErrors> & { values?: FormBody }, status = 200): Promise<void> {
    const vacancy = await this.vacancies.get(user, id);
    res.status(status).render('recruitment/views/job.njk', { ...res.locals, vacancy, labels: RECRUITMENT_LABELS, ...extra });
  }

  private async renderMyApplications(res: Response, user: AuthUser, extra: Partial<FormErrors> & { done?: string }, status = 200): Promise<void> {
    const { items } = await this.applications.list(user, { limit: 200, offset: 0 });
    res.status(status).render('recruitment/views/my-applications.njk', { ...res.locals, applications: items.map(withStage), labels: RECRUITMENT_LABELS, ...extra });
  }
}
