// The demo source's hold control: GET /api/demo and POST /api/demo/hold (only when serving the demo).
import { z } from 'zod';

export const DemoStateSchema = z.object({
  /** True while the timeline is held on its current step (each poll re-reads the same estate). */
  held: z.boolean(),
  /** The step (poll cycle of the scripted timeline) the estate is at. */
  step: z.number().int().min(0),
});
export type DemoState = z.infer<typeof DemoStateSchema>;

export const DemoHoldRequestSchema = z.strictObject({ held: z.boolean() });
export type DemoHoldRequest = z.infer<typeof DemoHoldRequestSchema>;
