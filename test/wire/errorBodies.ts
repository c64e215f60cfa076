// The error each AWS protocol really sends, for the fault proxy: EC2's query XML (<Response><Errors>),
// ELBv2's and STS's awsQuery XML (<ErrorResponse>), ECS's JSON 1.1 ({"__type", "message"}).
// Shapes from the EC2 API reference ("Error responses") and the ELB / ECS "Common errors" pages.
import type { Service } from './proxy.ts';

const ECS_JSON = 'application/x-amz-json-1.1';
const REQUEST_ID = 'c2a7f0e1-0000-4000-8000-000000000000';

export function errorResponse(service: Service, action: string, kind: 'throttle' | 'deny' | 'server-error') {
  const principal = 'arn:aws:sts::123456789012:assumed-role/porthole-readonly/porthole';
  const denied = `User: ${principal} is not authorized to perform: ${service}:${action} because no identity-based policy allows the ${service}:${action} action`;
  if (service === 'ecs') {
    const [type, status, message] =
      kind === 'throttle'
        ? ['ThrottlingException', 400, 'Rate exceeded']
        : kind === 'deny'
          ? ['AccessDeniedException', 400, denied]
          : ['ServerException', 500, 'Service encountered an internal error.'];
    return {
      status,
      headers: { 'content-type': ECS_JSON, 'x-amzn-requestid': REQUEST_ID },
      body: JSON.stringify({ __type: type, message }),
    };
  }
  if (service === 'ec2') {
    const [code, status, message] =
      kind === 'throttle'
        ? ['RequestLimitExceeded', 503, 'Request limit exceeded.']
        : kind === 'deny'
          ? ['UnauthorizedOperation', 403, 'You are not authorized to perform this operation.']
          : ['InternalError', 500, 'An internal error has occurred.'];
    return {
      status,
      headers: { 'content-type': 'text/xml;charset=UTF-8' },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${REQUEST_ID}</RequestID></Response>`,
    };
  }
  const [type, code, status, message] =
    kind === 'throttle'
      ? ['Sender', 'Throttling', 400, 'Rate exceeded']
      : kind === 'deny'
        ? ['Sender', 'AccessDenied', 403, denied]
        : [
            'Receiver',
            'InternalFailure',
            500,
            'The request processing has failed because of an unknown error.',
          ];
  const ns =
    service === 'sts'
      ? 'https://sts.amazonaws.com/doc/2011-06-15/'
      : 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="${ns}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${REQUEST_ID}</RequestId></ErrorResponse>`,
  };
}
