import { describe, expect, it } from 'vitest';
import { snapshotFromDocuments } from './documents.ts';
import { SnapshotInputError } from './errors.ts';
import {
  ACCOUNT,
  describeTaskDefinition,
  lbArn,
  securityGroups,
} from '../../../test-kit/snapshotFixtures.ts';

const dir = `aws_configs/accounts/${ACCOUNT}/us-east-1`;
const only = (docs: Parameters<typeof snapshotFromDocuments>[0]) => {
  const snapshot = snapshotFromDocuments(docs);
  expect(snapshot.partitions).toHaveLength(1);
  return { ...snapshot, data: snapshot.partitions[0]!.data };
};

function thrown(fn: () => unknown): SnapshotInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SnapshotInputError) return error;
    throw error;
  }
  throw new Error('expected a SnapshotInputError');
}

describe('snapshotFromDocuments: warnings and errors', () => {
  it('warns about an unrecognised key, naming file and key, and keeps the rest', () => {
    const { data, warnings } = only([
      { file: `${dir}/sg.json`, json: { ...securityGroups(), SecurityGroupRules: [] } },
    ]);
    expect(data.SecurityGroups).toHaveLength(1);
    expect(warnings).toEqual([`${dir}/sg.json: unrecognised top-level key "SecurityGroupRules" ignored`]);
  });

  it('skips a file with no recognised key, with a hint for a known unwrapped output', () => {
    const snapshot = snapshotFromDocuments([
      { file: `${dir}/sg.json`, json: securityGroups() },
      { file: `${dir}/th.json`, json: { TargetHealthDescriptions: [] } },
    ]);
    expect(snapshot.partitions).toHaveLength(1);
    expect(snapshot.warnings).toHaveLength(2);
    expect(snapshot.warnings[0]).toMatch(
      /th\.json: unrecognised top-level key "TargetHealthDescriptions".*LoadBalancerTargetHealth/,
    );
    expect(snapshot.warnings[1]).toBe(`${dir}/th.json: no recognised AWS CLI output; file skipped`);
  });

  it('names the file and JSON path of a wrong type', () => {
    const json = securityGroups();
    json.SecurityGroups[0]!.IpPermissions.push({
      ...json.SecurityGroups[0]!.IpPermissions[0]!,
      FromPort: '80' as never,
    });
    const error = thrown(() => snapshotFromDocuments([{ file: 'snap/sg.json', json }]));
    expect(error.file).toBe('snap/sg.json');
    expect(error.jsonPath).toBe('$.SecurityGroups[0].IpPermissions[1].FromPort');
    expect(error.message).toBe(
      'snap/sg.json: $.SecurityGroups[0].IpPermissions[1].FromPort: expected number, received string',
    );
  });

  it('names the path inside wrappers and single objects', () => {
    const wrapped = { LoadBalancerListeners: [{ LoadBalancerArn: lbArn(), Listeners: [{ Port: 80 }] }] };
    expect(thrown(() => snapshotFromDocuments([{ file: 'l.json', json: wrapped }])).jsonPath).toBe(
      '$.LoadBalancerListeners[0].Listeners[0].ListenerArn',
    );
    const td = describeTaskDefinition();
    (td.taskDefinition.containerDefinitions[0] as Record<string, unknown>).name = 7;
    expect(thrown(() => snapshotFromDocuments([{ file: 'td.json', json: td }])).message).toBe(
      'td.json: $.taskDefinition.containerDefinitions[0].name: expected string, received number',
    );
  });

  it('rejects a kind that is not an array and a top level that is not an object', () => {
    expect(thrown(() => snapshotFromDocuments([{ file: 'v.json', json: { Vpcs: {} } }])).message).toBe(
      'v.json: $.Vpcs: expected array, received object',
    );
    expect(thrown(() => snapshotFromDocuments([{ file: 'v.json', json: [securityGroups()] }])).message).toBe(
      'v.json: $: expected an object (an AWS CLI JSON output), received array',
    );
  });

  it('describes a bad timestamp by the types it accepts', () => {
    const task = { taskArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task/main/abc`, createdAt: true };
    expect(thrown(() => snapshotFromDocuments([{ file: 't.json', json: { tasks: [task] } }])).message).toBe(
      't.json: $.tasks[0].createdAt: expected string or number, received boolean',
    );
  });
});
