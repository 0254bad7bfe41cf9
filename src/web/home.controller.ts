import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AnyRole, CurrentUser } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ROLE_LABELS } from '../users/roles';
import { WardsService } from '../wards/wards.service';
import { homeCardsFor } from './navigation';

const ROLE_INTRO: Record<string, string> = {
  ADMIN: 'Manage user accounts, wards and settings, and read the audit log.',
  OT: "Keep your patients' vocational profiles, recruit them into work roles and build the weekly rota safely.",
  ENTERPRISE_LEAD: 'Run your enterprises: roles and vacancies, shifts and attendance, takings, costs and reinvestment.',
  WARD_STAFF: 'See who on your wards works when and where, record attendance and leave changes.',
  EMPLOYMENT_SPECIALIST: 'Support vocational profiles, goals and progression to education, training, volunteering and jobs.',
  PATIENT: 'See your shifts, hours and earnings, the skills you have earned and your references.',
  COMMISSIONER: 'See outcomes and surplus reports across the enterprises. You never see individual patients.',
};

@ApiExcludeController()
@Controller()
export class HomeController {
  constructor(private readonly wards: WardsService) {}

  @Get()
  @AnyRole()
  @Render('web/views/home.njk')
  async home(@CurrentUser() user: AuthUser) {
    const allWards = user.wardIds.length ? await this.wards.listAll() : [];
    return {
      roleLabel: ROLE_LABELS[user.role],
      intro: ROLE_INTRO[user.role],
      homeCards: homeCardsFor(user.role),
      myWards: allWards.filter((w) => user.wardIds.includes(w.id)),
    };
  }
}
