// The mock-run script MockTestRunner starts (mock-runner.test.ts): the task's TypeScript sources under
// tsx, with azure-pipelines-task-lib/task replaced by its mock. Inputs come from VIGIL_MOCK_INPUTS (JSON).
'use strict';
require('tsx/cjs');
const path = require('node:path');
const { TaskMockRunner } = require('azure-pipelines-task-lib/mock-run');

const runner = new TaskMockRunner(path.join(__dirname, '..', '..', '..', 'tasks', 'vigil-scan', 'src', 'main.ts'));
for (const [name, value] of Object.entries(JSON.parse(process.env.VIGIL_MOCK_INPUTS || '{}'))) runner.setInput(name, value);
runner.run();
