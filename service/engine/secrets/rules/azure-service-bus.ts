// Azure Service Bus: connection strings and shared access keys (also any SharedAccessKey in a messaging connection string).
import { randomBase64 } from '../examples';
import type { SecretRule } from '../rule';
import { connectionRule, identifiableRule, ns } from './azure-keys';

const sbKey = randomBase64('servicebus', 32);

export const rules: SecretRule[] = [
  connectionRule({
    id: 'SEC-AZURE-SERVICE-BUS-CONNECTION-STRING', title: 'Azure Service Bus / Event Hubs connection string with shared access key',
    description: 'A Service Bus or Event Hubs namespace connection string with a shared access key: send, listen or manage rights on the namespace or entity.',
    keyword: 'servicebus.windows.net',
    pattern: /Endpoint=sb:\/\/(?<ns>[a-z0-9-]{3,50})\.servicebus\.windows\.net\/?;\s?SharedAccessKeyName=[^;"'\s]{1,256};\s?SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)/gi,
    sample: `Endpoint=sb://contoso-events.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sbKey}`,
    key: 'ServiceBusConnection', helpUri: 'https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas', describe: ns,
  }),
  connectionRule({
    id: 'SEC-AZURE-SHARED-ACCESS-KEY', title: 'Azure shared access key in a connection string', severity: 'high',
    description: 'A SharedAccessKey in a connection string of an Azure messaging service (Event Hubs, Notification Hubs, Relay, Event Grid …).',
    keyword: 'sharedaccesskey=',
    pattern: /SharedAccessKey=(?<secret>[A-Za-z0-9+/]{42,86}={1,2})/gi,
    sample: `Endpoint=sb://contoso-notify.example.net/;SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=${randomBase64('sak', 32)}`,
    key: 'NotificationHubConnection', helpUri: 'https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas',
  }),
  identifiableRule({ id: 'SEC-AZURE-SERVICE-BUS-KEY', title: 'Azure Service Bus shared access key', sig: '+ASb', shape: 32, key: 'ServiceBusKey' }),
];
