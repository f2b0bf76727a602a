// B201 flask_debug_true, B202 tarfile_unsafe_members.
import { callOf, calleeName, importedModules, importsModule, isTrue, mentions, stringValue, type PyRule } from '../context';

const PLUGINS = 'https://bandit.readthedocs.io/en/latest/plugins';

export const flaskDebugTrue: PyRule = {
  rule: {
    id: 'CODE-PY-FLASK-DEBUG-TRUE',
    language: 'python',
    title: 'Flask app run with debug=True',
    severity: 'high',
    confidence: 'medium',
    description: 'Flask\'s debug mode serves the Werkzeug debugger, whose console runs any Python code sent to it: anyone who can reach the app and trigger an error can take over the server.',
    remediation: 'Never run with debug=True outside a developer\'s machine; take it from configuration that defaults to off, and serve production with a WSGI server (gunicorn, uWSGI).',
    remediationSnippet: 'app.run(debug=os.environ.get("FLASK_DEBUG") == "1")',
    cwe: ['CWE-94'],
    upstream: { type: 'bandit', id: 'B201' },
    helpUri: `${PLUGINS}/b201_flask_debug_true.html`,
    examples: {
      fail: [
        'from flask import Flask\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n',
        'import flask\napplication = flask.Flask("api")\napplication.run(debug=True)\n',
      ],
      pass: [
        'from flask import Flask\napp = Flask(__name__)\napp.run(debug=False)\n',
        'from flask import Flask\nimport os\napp = Flask(__name__)\napp.run(debug=os.environ.get("FLASK_DEBUG") == "1")\n',
        'import unittest\nrunner = unittest.TextTestRunner()\nrunner.run(debug=True)\n',
      ],
    },
  },
  relevant: mentions('flask'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (calleeName(call) !== 'run' || !isTrue(call.kwargs.get('debug'))) return;
      // As Bandit: any module with flask in its name imported (flask, flask_restful …).
      if ([...importedModules(file)].some((m) => m.includes('flask'))) report(node, 'A Flask app appears to be run with debug=True, which exposes the Werkzeug debugger and allows the execution of arbitrary code.');
    },
  },
};

/** Extraction filters that refuse absolute paths, .. and links out of the target (Python 3.12+, backported). */
const SAFE_FILTERS = new Set(['data', 'tar', 'data_filter', 'tar_filter']);

export const tarfileUnsafeMembers: PyRule = {
  rule: {
    id: 'CODE-PY-TARFILE-UNSAFE-MEMBERS',
    language: 'python',
    title: 'tarfile.extractall without checking the members',
    severity: 'high',
    confidence: 'high',
    description:
      'A tar archive can hold members named ../../etc/cron.d/x, absolute paths, or links pointing outside the target; extractall writes them wherever they say (path traversal, CVE-2007-4559). Reported at high when nothing limits the members, medium when members= is given but is not a function\'s result, low when it is (check that the function discards dangerous members). filter="data" or "tar" makes extraction safe.',
    remediation: 'Extract with filter="data" (Python 3.12, and backported to 3.8–3.11 security releases), or pass members= a generator that drops absolute names, ".." and links leaving the target.',
    remediationSnippet: 'import tarfile\nwith tarfile.open(path) as tar:\n    tar.extractall(dest, filter="data")',
    cwe: ['CWE-22'],
    upstream: { type: 'bandit', id: 'B202' },
    helpUri: `${PLUGINS}/b202_tarfile_unsafe_members.html`,
    examples: {
      fail: [
        'import tarfile\n\ndef unpack(upload, dest):\n    with tarfile.open(upload) as tar:\n        tar.extractall(dest)\n',
        'import tarfile\ntarfile.open(bundle).extractall(path=target, members=names)\n',
        'import tarfile\ntar = tarfile.open(path)\ntar.extractall(dest, filter="fully_trusted")\n',
      ],
      pass: [
        'import tarfile\nwith tarfile.open(upload) as tar:\n    tar.extractall(dest, filter="data")\n',
        'import zipfile\nwith zipfile.ZipFile(upload) as z:\n    z.extractall(dest)\n',
        'import tarfile\ntar = tarfile.open(path)\ntar.extractall(dest, filter=tarfile.data_filter)\n',
      ],
    },
  },
  relevant: mentions('tarfile'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (calleeName(call) !== 'extractall' || !importsModule(file, 'tarfile')) return;
      const receiver = node.childForFieldName('function')?.childForFieldName('object');
      if (receiver?.type === 'call' && callOf(receiver, file).name?.startsWith('zipfile.')) return;
      const filter = call.kwargs.get('filter');
      const filterName = stringValue(filter) ?? (filter?.type === 'attribute' ? filter.childForFieldName('attribute')?.text : filter?.text);
      if (filterName && SAFE_FILTERS.has(filterName)) return;
      const members = call.kwargs.get('members') ?? call.args[1];
      if (!members) report(node, 'tarfile.extractall used without any validation of the members: an archive can write outside the target.');
      else if (members.type === 'call') report(node, 'tarfile.extractall(members=function(…)): make sure the function discards dangerous members.', undefined, { severity: 'low', confidence: 'low' });
      else report(node, 'tarfile.extractall(members=…) with members that cannot be told apart: check they were validated.', undefined, { severity: 'medium', confidence: 'medium' });
    },
  },
};
