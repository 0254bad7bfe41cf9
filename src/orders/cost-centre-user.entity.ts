import { Entity, PrimaryColumn } from 'typeorm';

/** A user an admin allowed to order on a cost centre (besides the staff of its ward). */
@Entity('cost_centre_users')
export class CostCentreUser {
  @PrimaryColumn({ type: 'varchar', length: 36 }) costCentreId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId: string;
}
