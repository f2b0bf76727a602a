// Azure IoT Hub / DPS: connection strings and shared access keys.
import { randomBase64 } from '../examples';
import type { SecretRule } from '../rule';
import { connectionRule, identifiableRule, ns } from './azure-keys';

const iotKey = randomBase64('iothub', 32);

export const rules: SecretRule[] = [
  connectionRule({
    id: 'SEC-AZURE-IOT-HUB-CONNECTION-STRING', title: 'Azure IoT Hub connection string with shared access key',
    description: 'An IoT Hub (service, device or DPS) connection string with a shared access key.',
    keyword: 'azure-devices',
    pattern: /HostName=(?<ns>[a-z0-9-]{3,50})\.azure-devices(?:-provisioning)?\.net;\s?(?:DeviceId=[^;"'\s]{1,128};\s?|SharedAccessKeyName=[^;"'\s]{1,128};\s?|ModuleId=[^;"'\s]{1,128};\s?){1,3}SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)/gi,
    sample: `HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${iotKey}`,
    key: 'IotHubConnectionString', helpUri: 'https://learn.microsoft.com/azure/iot-hub/authenticate-authorize-sas', describe: ns,
  }),
  identifiableRule({ id: 'SEC-AZURE-IOT-KEY', title: 'Azure IoT shared access key', sig: 'AIoT', shape: 32, key: 'IotKey' }),
];
