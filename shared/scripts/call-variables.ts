import type { Locale } from '../domain/settings';
import { greetingFor } from './greeting';
import type { ScriptVariableValues } from './render-step';

/** What the seat knows about the call, already formatted for display (dates in the agent's locale). */
export type CallFacts = {
  customerName?: string | null;
  customerTitle?: string | null;
  agentName?: string | null;
  company?: string | null;
  lastContact?: string | null;
  openComplaint?: string | null;
  product?: string | null;
  nowMs: number;
  utcOffsetMinutes: number;
};

/** The variable values for one call and language; unknown facts stay missing (a visible placeholder). */
export function scriptVariablesFor(facts: CallFacts, lang: Locale): ScriptVariableValues {
  return {
    'customer.name': facts.customerName,
    'customer.title': facts.customerTitle,
    'agent.name': facts.agentName,
    company: facts.company,
    greeting: greetingFor(facts.nowMs, facts.utcOffsetMinutes, lang),
    lastContact: facts.lastContact,
    openComplaint: facts.openComplaint,
    product: facts.product,
  };
}
