/* npm run migration:run | migration:revert | seed -- uses the same configuration as the app. */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { PasswordService } from '../auth/password.service';
import { loadConfig } from '../config/app-config';
import { runMigrations } from './bootstrap';
import { dataSourceOptions } from './data-source-options';
import { runDemoSeeds } from './seeder';
import { UnitOfWork } from './unit-of-work';

async function main(): Promise<void> {
  const command = process.argv[2];
  const config = loadConfig(process.env);
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  try {
    if (command === 'migration:run') {
      const applied = await runMigrations(ds);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations');
    } else if (command === 'migration:revert') {
      await ds.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration');
    } else if (command === 'seed') {
      if (!config.demoData) throw new Error('DEMO_DATA is off: demo data is not loaded');
      await runMigrations(ds);
      const seeded = await runDemoSeeds(new UnitOfWork(ds), new PasswordService(), config.demoPassword);
      console.log(seeded.length ? `Loaded: ${seeded.join(', ')}` : 'Demo data already loaded');
    } else {
      throw new Error('usage: cli migration:run | migration:revert | seed');
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
