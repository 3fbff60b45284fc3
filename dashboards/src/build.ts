// Entry of `npm run dashboards`: regenerates the dashboard JSON and the alert rule file from dashboards/src.
import { repositoryRoot, writeGeneratedFiles } from './generated.files.js';

const root = repositoryRoot();
for (const file of writeGeneratedFiles(root)) console.log(`wrote ${file}`);
