// B612 logging.config.listen without verify; B614 torch.load without weights_only=True; B615 Hugging
// Face downloads without a pinned revision: code or objects loaded from somewhere else.
import type { PyRule } from '../context';
import { callOf, importsModule, isTrue, lastPart, mentions, stringValue } from '../context';
import { argument, hasKwargsSplat } from './util-py';

const BANDIT_DOCS = 'https://bandit.readthedocs.io/en/latest/plugins';

export const loggingConfigInsecureListen: PyRule = {
  rule: {
    id: 'CODE-PY-LOGGING-CONFIG-LISTEN',
    language: 'python',
    title: 'logging.config.listen without verification',
    severity: 'medium',
    confidence: 'high',
    description:
      'logging.config.listen() accepts logging configurations over a socket and applies them; parts of a configuration are passed to eval(), so any local process (or user) that can connect to the port can run code in this one.',
    remediation: 'Do not listen for logging configuration in production; if you must, pass verify= a function that checks a signature (or decrypts) before the configuration is applied.',
    remediationSnippet: 't = logging.config.listen(9030, verify=check_hmac_signature)\n',
    cwe: ['CWE-94'],
    upstream: { type: 'bandit', id: 'B612' },
    helpUri: `${BANDIT_DOCS}/b612_logging_config_insecure_listen.html`,
    examples: {
      fail: ['import logging.config\nt = logging.config.listen(9999)\nt.start()\n', 'from logging.config import listen\nthread = listen()\n'],
      pass: ['import logging.config\nt = logging.config.listen(9999, verify=verify_signature)\n', 'import socket\nsock.listen(5)\n'],
    },
  },
  relevant: mentions('listen'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (call.name === 'logging.config.listen' && !call.kwargs.has('verify') && call.args.length < 2 && !hasKwargsSplat(call)) {
        report(node, 'logging.config.listen() without verify applies configurations received over a socket');
      }
    },
  },
};

export const pytorchLoad: PyRule = {
  rule: {
    id: 'CODE-PY-PYTORCH-LOAD',
    language: 'python',
    title: 'torch.load without weights_only=True',
    severity: 'medium',
    confidence: 'high',
    description:
      'torch.load unpickles the file. Unless weights_only=True, a model or checkpoint file from someone else can run arbitrary code when it is loaded (PyTorch before 2.6 defaults to weights_only=False).',
    remediation: 'Pass weights_only=True (tensors and plain containers only), or store weights as safetensors.',
    remediationSnippet: 'state = torch.load("model.pt", map_location="cpu", weights_only=True)\n',
    cwe: ['CWE-502'],
    upstream: { type: 'bandit', id: 'B614' },
    helpUri: `${BANDIT_DOCS}/b614_pytorch_load.html`,
    examples: {
      fail: [
        'import torch\nmodel.load_state_dict(torch.load("checkpoint.pt"))\n',
        'import torch\nstate = torch.load(path, map_location="cpu", weights_only=False)\n',
        'from torch import load as tload\nstate = tload(buffer)\n',
      ],
      pass: ['import torch\nstate = torch.load(path, weights_only=True)\n', 'from safetensors.torch import load_file\nstate = load_file("model.safetensors")\n', 'import json\njson.load(f)\n'],
    },
  },
  relevant: mentions('torch'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (call.name !== 'torch.load' && call.name !== 'torch.serialization.load') return;
      const weightsOnly = call.kwargs.get('weights_only');
      if (isTrue(weightsOnly) || (!weightsOnly && hasKwargsSplat(call))) return;
      report(node, weightsOnly ? 'torch.load with weights_only not True unpickles arbitrary objects' : 'torch.load without weights_only=True unpickles arbitrary objects');
    },
  },
};

/** Function -> the library whose download it is. */
const HF_DOWNLOADS: Record<string, string> = {
  from_pretrained: 'transformers',
  load_dataset: 'datasets',
  hf_hub_download: 'huggingface_hub',
  snapshot_download: 'huggingface_hub',
};

/** An immutable revision: a commit hash (7 hexadecimal digits or more). */
const COMMIT = /^[0-9a-fA-F]{7,40}$/;

export const huggingfaceUnsafeDownload: PyRule = {
  rule: {
    id: 'CODE-PY-HUGGINGFACE-UNPINNED-DOWNLOAD',
    language: 'python',
    title: 'Hugging Face Hub download without a pinned revision',
    severity: 'medium',
    confidence: 'high',
    description:
      'Without revision= set to a commit hash, from_pretrained, load_dataset, hf_hub_download and snapshot_download fetch whatever the branch or tag points to today. Whoever controls the repository (or takes it over) can change the model, its code or its pickled weights under the same name.',
    remediation: 'Pin revision= to the full commit hash you reviewed, and prefer safetensors weights (use_safetensors=True).',
    remediationSnippet: 'model = AutoModel.from_pretrained("org/model", revision="5d0f2e8a3f1b2c4d6e8f0a1b2c3d4e5f6a7b8c9d", use_safetensors=True)\n',
    cwe: ['CWE-494'],
    upstream: { type: 'bandit', id: 'B615' },
    helpUri: `${BANDIT_DOCS}/b615_huggingface_unsafe_download.html`,
    examples: {
      fail: [
        'from transformers import AutoModel\nmodel = AutoModel.from_pretrained("org/model-name")\n',
        'from transformers import AutoTokenizer\ntok = AutoTokenizer.from_pretrained("org/model-name", revision="main")\n',
        'from datasets import load_dataset\nds = load_dataset("org/dataset", revision="v1.0")\n',
        'from huggingface_hub import hf_hub_download\npath = hf_hub_download(repo_id="org/model", filename="model.bin")\n',
      ],
      pass: [
        'from transformers import AutoModel\nmodel = AutoModel.from_pretrained("org/model-name", revision="5d0f2e8a3f1b2c4d6e8f0a1b2c3d4e5f6a7b8c9d")\n',
        'from transformers import AutoModel\nmodel = AutoModel.from_pretrained("./local-model")\n',
        'from huggingface_hub import snapshot_download\nsnapshot_download(repo_id="org/model", revision="a1b2c3d")\n',
        'from myorm import Model\nModel.from_pretrained("x")\n',
      ],
    },
  },
  relevant: mentions(...Object.values(HF_DOWNLOADS)),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      const func = lastPart(call.name);
      const library = func ? HF_DOWNLOADS[func] : undefined;
      if (!library || !call.name!.split('.').includes(library) || !importsModule(file, library)) return;
      const revision = call.kwargs.get('revision') ?? call.kwargs.get('commit_id');
      if (revision) {
        const value = stringValue(revision);
        // A revision held in a variable or built at run time cannot be judged: not reported.
        if (value === undefined || COMMIT.test(value)) return;
      } else if (hasKwargsSplat(call)) return;
      const source = stringValue(argument(call, 0, func === 'from_pretrained' ? 'pretrained_model_name_or_path' : func === 'load_dataset' ? 'path' : 'repo_id'));
      if (source && /^(?:\.{0,2}\/|[A-Za-z]:\\)/.test(source)) return; // a local directory
      report(node, revision ? `${func}() pinned to "${stringValue(revision)}", a branch or tag that can move` : `${func}() without revision= pinned to a commit`);
    },
  },
};

export const codeLoadingRules: readonly PyRule[] = [loggingConfigInsecureListen, pytorchLoad, huggingfaceUnsafeDownload];
