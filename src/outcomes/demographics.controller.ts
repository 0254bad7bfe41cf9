import { Body, Controller, Get, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { cleanForm, type FormSpec, handleForm, renderForm } from '../web/form-page';
import { ETHNIC_CATEGORIES, STATED_GENDERS } from './demographics.types';
import { DemographicsService } from './demographics.service';
import { DemographicsDto, SetDemographicsDto } from './dto/demographics.dto';

function spec(id: string, name?: string): FormSpec {
  return {
    title: 'Equality monitoring',
    caption: name,
    intro:
      'Optional. Used only in aggregate, so that reports can show whether access to work and its outcomes are fair across age, gender and ethnic group (Patient and Carer Race Equality Framework). Ask the patient; leave a field blank if they prefer not to say.',
    action: `/patients/${id}/demographics`,
    submit: 'Save',
    cancel: `/patients/${id}`,
    fields: [
      { name: 'birthYear', label: 'Year of birth', type: 'number', width: 4, hint: 'For example, 1990' },
      { name: 'statedGender', label: 'Stated gender', type: 'select', items: Object.entries(STATED_GENDERS).map(([value, text]) => ({ value, text })) },
      { name: 'ethnicCategory', label: 'Ethnic category', type: 'select', items: Object.entries(ETHNIC_CATEGORIES).map(([value, c]) => ({ value, text: c.name })) },
    ],
  };
}

/** A patient's equality monitoring fields: API and page, for staff who may edit the patient. */
@ApiTags('patients')
@ApiBearerAuth()
@Controller()
export class DemographicsController {
  constructor(private readonly demographics: DemographicsService) {}

  @Get('api/patients/:id/demographics')
  @Roles('ADMIN', 'OT', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: 'A patient’s optional equality monitoring fields (year of birth, stated gender, ethnic category); audited' })
  @ApiOkResponse({ type: DemographicsDto })
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<DemographicsDto> {
    const { displayName: _, ...dto } = await this.demographics.get(user, id);
    return dto;
  }

  @Put('api/patients/:id/demographics')
  @Roles('ADMIN', 'OT', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: 'Set a patient’s equality monitoring fields; a field left out or null is cleared' })
  @ApiOkResponse({ type: DemographicsDto })
  set(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: SetDemographicsDto): Promise<DemographicsDto> {
    return this.demographics.set(user, id, body);
  }

}

/** The equality monitoring page of a patient. */
@ApiExcludeController()
@Controller()
export class DemographicsPagesController {
  constructor(private readonly demographics: DemographicsService) {}

  @Get('patients/:id/demographics')
  @Roles('ADMIN', 'OT', 'EMPLOYMENT_SPECIALIST')
  async page(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const d = await this.demographics.get(user, id);
    renderForm(res, spec(id, d.displayName), { birthYear: d.birthYear ?? '', statedGender: d.statedGender ?? '', ethnicCategory: d.ethnicCategory ?? '' });
  }

  @Post('patients/:id/demographics')
  @Roles('ADMIN', 'OT', 'EMPLOYMENT_SPECIALIST')
  async save(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = spec(id);
    await handleForm(res, form, SetDemographicsDto, cleanForm(body, form.fields), async (v) => {
      await this.demographics.set(user, id, v);
      return `/patients/${id}/demographics?saved=1`;
    });
  }
}
