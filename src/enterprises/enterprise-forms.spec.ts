import { AppError } from '../common/errors/app-error';
import { addServiceError, enterpriseFormValues, enterpriseInput, list, roleFormValues, roleInput, text, withBlankSkillRows } from './enterprise-forms';

describe('form fields', () => {
  it('reads a text field and a list field as browsers post them', () => {
    expect(text({ a: 'x' }, 'a')).toBe('x');
    expect(text({ a: ['x', 'y'] }, 'a')).toBe('x');
    expect(text({}, 'a')).toBe('');
    expect(list({ a: 'x' }, 'a')).toEqual(['x']);
    expect(list({ a: ['x', 'y'] }, 'a')).toEqual(['x', 'y']);
    expect(list({ a: '' }, 'a')).toEqual([]);
    expect(list({}, 'a')).toEqual([]);
  });
});

describe('enterpriseInput', () => {
  const body = { name: 'Café', kind: 'CAFE', businessNeed: 'x', siteId: 's', wardId: '', locationZone: 'GROUNDS', minimumLeave: '', referenceName: 'r', openingTimes: '', status: 'PAUSED', leadUserIds: 'u1' };

  it('makes a create body: no ward and the zone default as null, leads as a list, no status', () => {
    expect(enterpriseInput(enterpriseFormValues(body), 'new')).toEqual({
      name: 'Café',
      kind: 'CAFE',
      businessNeed: 'x',
      siteId: 's',
      wardId: null,
      locationZone: 'GROUNDS',
      minimumLeave: null,
      referenceName: 'r',
      openingTimes: '',
      leadUserIds: ['u1'],
    });
  });

  it('makes an edit body with the status and without site or leads', () => {
    const input = enterpriseInput(enterpriseFormValues(body), 'edit');
    expect(input).toMatchObject({ status: 'PAUSED' });
    expect(input).not.toHaveProperty('siteId');
    expect(input).not.toHaveProperty('leadUserIds');
  });
});

describe('roleInput', () => {
  const body = {
    title: 'Barista',
    duties: 'Drinks',
    hourlyRate: '11.44',
    activities: ['CASH', 'PUBLIC_CONTACT'],
    skillCode: ['', ' Food-Hygiene ', ''],
    skillLevel: ['', 'COMPETENT', ''],
    positions: '3',
    patientsPerSupervisor: '4',
    active: 'false',
  };

  it('converts pounds to pence and digits to numbers, and leaves out blank skill rows', () => {
    const { input } = roleInput(roleFormValues(body), 'new');
    expect(input).toEqual({
      title: 'Barista',
      duties: 'Drinks',
      hourlyRatePence: 1144,
      activities: ['CASH', 'PUBLIC_CONTACT'],
      prerequisiteSkills: [{ skillCode: 'food-hygiene', level: 'COMPETENT' }],
      positions: 3,
      patientsPerSupervisor: 4,
    });
    expect(roleInput(roleFormValues(body), 'edit').input.active).toBe(false);
  });

  it('passes text that is not money or a number on, so that validation refuses it', () => {
    const { input } = roleInput(roleFormValues({ ...body, hourlyRate: '11.444', positions: 'two' }), 'new');
    expect(input.hourlyRatePence).toBe('11.444');
    expect(input.positions).toBe('two');
  });

  it('refuses emptied numbers on edit rather than leaving them unchanged', () => {
    const { input } = roleInput(roleFormValues({ ...body, hourlyRate: '', positions: '' }), 'edit');
    expect(input.hourlyRatePence).toBe('');
    expect(input.positions).toBe('');
    expect(roleInput(roleFormValues({ ...body, hourlyRate: '' }), 'new').input.hourlyRatePence).toBeUndefined();
  });

  it('places errors beside the form row they are about, worded for the page', () => {
    const { formFieldOf, messageFor } = roleInput(roleFormValues(body), 'new');
    expect(formFieldOf('prerequisiteSkills.0.skillCode')).toBe('skillCode-1');
    expect(formFieldOf('prerequisiteSkills.0.level')).toBe('skillLevel-1');
    expect(formFieldOf('prerequisiteSkills')).toBe('skillCode-1');
    expect(formFieldOf('hourlyRatePence')).toBe('hourlyRate');
    expect(formFieldOf('positions')).toBe('positions');
    expect(messageFor('hourlyRate', 'hourlyRatePence must be ...')).toMatch(/in pounds and pence/);
    expect(messageFor('skillLevel-1', 'Choose a skill level (...)')).toBe('Choose the level needed for this skill');
    expect(messageFor('title', 'Enter a job title')).toBe('Enter a job title');
  });
});

describe('withBlankSkillRows', () => {
  const blank = { skillCode: '', level: '' };
  const filled = { skillCode: 'barista', level: 'COMPETENT' };

  it('offers at least three rows and always one blank row', () => {
    expect(withBlankSkillRows([])).toEqual([blank, blank, blank]);
    expect(withBlankSkillRows([filled, filled, filled])).toEqual([filled, filled, filled, blank]);
    expect(withBlankSkillRows([blank, filled, blank])).toEqual([blank, filled, blank]);
  });
});

describe('addServiceError', () => {
  it('shows a refusal beside its field and throws anything that is not a form problem', () => {
    const form = { errors: {} as Record<string, string>, errorList: [] as { text: string; href: string }[] };
    addServiceError(form, AppError.conflict('POSITIONS_IN_USE', 'In use', [{ field: 'positions', message: 'In use' }]), (f) => f, 'title');
    expect(form.errorList).toEqual([{ text: 'In use', href: '#positions' }]);
    expect(() => addServiceError(form, AppError.forbidden(), (f) => f, 'title')).toThrow(AppError);
    expect(() => addServiceError(form, AppError.notFound(), (f) => f, 'title')).toThrow(AppError);
    expect(() => addServiceError(form, new Error('boom'), (f) => f, 'title')).toThrow('boom');
  });
});
