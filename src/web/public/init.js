import { initAll } from '/assets/nhsuk-frontend.min.js';
initAll();
