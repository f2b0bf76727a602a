// Deserialization that lets the data choose the types it creates, and XML parsers that resolve
// external entities.
import type { SyntaxNode } from '../../../tree-sitter';
import { argument, assignedMember, enclosing, excerpt, initializerOwner, readCall, typeOf, typeOfCreation, unwrap, type CsRule } from '../context';

const FORMATTERS = new Set(['BinaryFormatter', 'SoapFormatter', 'NetDataContractSerializer', 'LosFormatter', 'ObjectStateFormatter']);
const READS = /^(?:Deserialize|UnsafeDeserialize|UnsafeDeserializeMethodResponse|ReadObject|DeserializeAsync)$/;

export const insecureFormatter: CsRule = {
  rule: {
    id: 'CODE-CS-INSECURE-DESERIALIZATION',
    language: 'csharp',
    title: 'Insecure deserialization: BinaryFormatter, SoapFormatter, NetDataContractSerializer, LosFormatter or ObjectStateFormatter',
    severity: 'high',
    confidence: 'high',
    description: 'These formatters read the type of each object from the data itself. Data an attacker can shape (a request, a cookie, a file, a queue message) makes them create arbitrary types, and known gadget chains turn that into code execution. No binder or validation makes them safe.',
    remediation: 'Replace them with System.Text.Json or DataContractSerializer over a fixed, known type; sign data that must cross a trust boundary and come back.',
    remediationSnippet: 'var order = JsonSerializer.Deserialize<Order>(json);',
    cwe: ['CWE-502'],
    upstream: { type: 'scs', id: 'SCS0028' },
    helpUri: 'https://security-code-scan.github.io/#SCS0028',
    examples: {
      fail: [
        'using System.Runtime.Serialization.Formatters.Binary;\nclass Cache {\n  public object Load(Stream s) { var f = new BinaryFormatter(); return f.Deserialize(s); }\n}\n',
        'class Cache {\n  public object Load(Stream s) => new System.Runtime.Serialization.Formatters.Binary.BinaryFormatter().Deserialize(s);\n}\n',
        'using System.Runtime.Serialization;\nclass Cache {\n  private readonly IFormatter _formatter = new NetDataContractSerializer();\n  public object Load(Stream s) => _formatter.Deserialize(s);\n}\n',
        'using System.Web.UI;\npublic partial class State : Page {\n  object Restore(string data) => new LosFormatter().Deserialize(data);\n}\n',
      ],
      pass: [
        'using System.Text.Json;\nclass Cache {\n  public Order Load(Stream s) => JsonSerializer.Deserialize<Order>(s);\n}\n',
        'using System.Runtime.Serialization.Formatters.Binary;\nclass Export {\n  public void Save(Stream s, object o) { var f = new BinaryFormatter(); f.Serialize(s, o); }\n}\n',
      ],
    },
  },
  on: {
    invocation_expression(node, file, report) {
      const call = readCall(node, file);
      if (call && READS.test(call.name) && call.type && FORMATTERS.has(call.type)) report(node, `${call.type}.${call.name}: the data chooses the types created`);
    },
  },
};

export const jsonTypeNameHandling: CsRule = {
  rule: {
    id: 'CODE-CS-JSON-TYPENAMEHANDLING',
    language: 'csharp',
    title: 'Json.NET TypeNameHandling other than None',
    severity: 'high',
    confidence: 'medium',
    description: 'With TypeNameHandling set to Objects, Arrays, Auto or All, Json.NET creates whatever type a `$type` property names. JSON from outside then instantiates gadget types and runs code. Skipped where a SerializationBinder is set in the same settings.',
    remediation: 'Keep TypeNameHandling.None (the default). If polymorphism is needed, set a SerializationBinder that allows only known types, or use System.Text.Json with [JsonDerivedType].',
    remediationSnippet: 'new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto, SerializationBinder = new KnownTypesBinder() }',
    cwe: ['CWE-502'],
    helpUri: 'https://www.newtonsoft.com/json/help/html/T_Newtonsoft_Json_TypeNameHandling.htm',
    examples: {
      fail: [
        'using Newtonsoft.Json;\nclass Inbox {\n  public object Read(string json) => JsonConvert.DeserializeObject(json, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All });\n}\n',
        'using Newtonsoft.Json;\nclass Inbox {\n  JsonSerializer Make() { var s = new JsonSerializer(); s.TypeNameHandling = TypeNameHandling.Auto; return s; }\n}\n',
      ],
      pass: [
        'using Newtonsoft.Json;\nclass Inbox {\n  public Message Read(string json) => JsonConvert.DeserializeObject<Message>(json, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None });\n}\n',
        'using Newtonsoft.Json;\nclass Inbox {\n  public object Read(string json) => JsonConvert.DeserializeObject(json, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto, SerializationBinder = new KnownTypesBinder() });\n}\n',
      ],
    },
  },
  on: {
    member_access_expression(node, file, report) {
      const name = node.childForFieldName('name')?.text ?? '';
      if (!/^(?:All|Objects|Arrays|Auto)$/.test(name) || typeOf(node.childForFieldName('expression'), file) !== 'TypeNameHandling') return;
      const assignment = node.parent?.type === 'assignment_expression' ? node.parent : undefined;
      const scope = (assignment && initializerOwner(assignment)) ?? enclosing(node, ['block', 'lambda_expression', 'arrow_expression_clause']) ?? node;
      if (/\b(?:SerializationBinder|Binder)\s*=/.test(scope.text)) return;
      report(node, `TypeNameHandling.${name}: $type in the JSON chooses the types created`);
    },
  },
};

export const javaScriptSerializerResolver: CsRule = {
  rule: {
    id: 'CODE-CS-JAVASCRIPTSERIALIZER-TYPE-RESOLVER',
    language: 'csharp',
    title: 'JavaScriptSerializer with SimpleTypeResolver',
    severity: 'high',
    confidence: 'high',
    description: 'A JavaScriptSerializer given a SimpleTypeResolver creates the types named by `__type` in the JSON. JSON from outside then instantiates gadget types and runs code.',
    remediation: 'Construct JavaScriptSerializer without a type resolver, or move to System.Text.Json with a fixed target type.',
    cwe: ['CWE-502'],
    helpUri: 'https://learn.microsoft.com/dotnet/fundamentals/code-analysis/quality-rules/ca2321',
    examples: {
      fail: ['using System.Web.Script.Serialization;\nclass Api {\n  object Parse(string json) => new JavaScriptSerializer(new SimpleTypeResolver()).DeserializeObject(json);\n}\n'],
      pass: ['using System.Web.Script.Serialization;\nclass Api {\n  Order Parse(string json) => new JavaScriptSerializer().Deserialize<Order>(json);\n}\n'],
    },
  },
  on: {
    object_creation_expression(node, file, report) {
      const call = readCall(node, file);
      if (call?.name !== 'JavaScriptSerializer') return;
      const resolver = unwrap(argument(call, 0, 'resolver'));
      if (resolver?.type === 'object_creation_expression' && typeOfCreation(resolver, file) === 'SimpleTypeResolver') report(node, 'JavaScriptSerializer with SimpleTypeResolver: __type in the JSON chooses the types created');
      else if (resolver && typeOf(resolver, file) === 'SimpleTypeResolver') report(node, 'JavaScriptSerializer with SimpleTypeResolver: __type in the JSON chooses the types created');
    },
  },
};

const isNull = (n: SyntaxNode | undefined) => unwrap(n)?.type === 'null_literal';

export const xxe: CsRule = {
  rule: {
    id: 'CODE-CS-XXE',
    language: 'csharp',
    title: 'XML external entities resolved (XXE)',
    severity: 'high',
    confidence: 'medium',
    description: 'An XML parser is set to process DTDs (DtdProcessing.Parse, ProhibitDtd = false) or given a resolver (XmlResolver = new XmlUrlResolver()). A document from outside can then read local files, reach internal URLs or exhaust memory with entity expansion.',
    remediation: 'Leave DtdProcessing at Prohibit (or Ignore) and XmlResolver at null; on .NET Framework before 4.5.2 set them explicitly on XmlDocument and XmlTextReader.',
    remediationSnippet: 'var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };',
    cwe: ['CWE-611'],
    upstream: { type: 'scs', id: 'SCS0007' },
    helpUri: 'https://security-code-scan.github.io/#SCS0007',
    examples: {
      fail: [
        'using System.Xml;\nclass Import {\n  XmlDocument Load(Stream s) { var doc = new XmlDocument(); doc.XmlResolver = new XmlUrlResolver(); doc.Load(s); return doc; }\n}\n',
        'using System.Xml;\nclass Import {\n  XmlReader Open(Stream s) => XmlReader.Create(s, new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse });\n}\n',
        'using System.Xml;\nclass Import {\n  XmlReader Open(Stream s) { var settings = new XmlReaderSettings(); settings.ProhibitDtd = false; return XmlReader.Create(s, settings); }\n}\n',
      ],
      pass: [
        'using System.Xml;\nclass Import {\n  XmlDocument Load(Stream s) { var doc = new XmlDocument { XmlResolver = null }; doc.Load(s); return doc; }\n}\n',
        'using System.Xml;\nclass Import {\n  XmlReader Open(Stream s) => XmlReader.Create(s, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });\n}\n',
        'using System.Xml;\nclass Import {\n  XmlReader Open(Stream s) => XmlReader.Create(s, new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null, MaxCharactersFromEntities = 1024 });\n}\n',
      ],
    },
  },
  on: {
    assignment_expression(node, _file, report) {
      const a = assignedMember(node);
      if (!a) return;
      const v = unwrap(a.value);
      if (a.name === 'DtdProcessing' && /DtdProcessing\.Parse$/.test(v?.text ?? '')) {
        // With the resolver set to null in the same settings, DTDs are read but nothing external is fetched.
        const owner = initializerOwner(node);
        if (owner && /XmlResolver\s*=\s*null\b/.test(owner.text)) return;
        report(node, 'DtdProcessing.Parse: DTDs and external entities are processed');
      }
      else if (a.name === 'ProhibitDtd' && v?.text === 'false') report(node, 'ProhibitDtd = false: DTDs and external entities are processed');
      else if (a.name === 'XmlResolver' && v && !isNull(v) && !/XmlSecureResolver|XmlPreloadedResolver/.test(v.text)) report(node, `XmlResolver = ${excerpt(v, 40)}: external entities are resolved`);
    },
  },
};

export const serializationRules: readonly CsRule[] = [insecureFormatter, jsonTypeNameHandling, javaScriptSerializerResolver, xxe];
