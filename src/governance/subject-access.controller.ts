import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { renderSubjectAccessPdf } from './subject-access-pdf';
import { SubjectAccessService, type SubjectAccessExport } from './subject-access.service';

@ApiTags('information governance')
@ApiBearerAuth()
@Controller('api/patients')
export class SubjectAccessController {
  constructor(private readonly access: SubjectAccessService) {}

  @Get(':id/export.pdf')
  @Roles('ADMIN', 'PATIENT')
  @ApiOperation({ summary: 'Subject access: everything held about a patient as a readable PDF (admin, or the patient for themself); audited' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'A4 PDF', schema: { type: 'string', format: 'binary' } })
  async pdf(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const pdf = await renderSubjectAccessPdf(await this.access.export(user, id, 'pdf'));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="wardworks-subject-access-${id}.pdf"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(pdf);
  }

  @Get(':id/export')
  @Roles('ADMIN', 'PATIENT')
  @ApiOperation({ summary: 'Subject access: everything held about a patient as JSON (admin, or the patient for themself); audited' })
  @ApiOkResponse({ description: 'Profile, leave, restrictions, benefits limits, applications, placements, bookings, attendance, pay, skills, references, credentials and the audit entries of who viewed them' })
  async json(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<SubjectAccessExport> {
    res.setHeader('Cache-Control', 'no-store');
    return this.access.export(user, id, 'json');
  }
}
