import Papa from 'papaparse';

// The files `evals init` writes. A worked example (a reminders assistant) rather than blanks: a PM
// learns the format by editing rows that already pass `evals validate` and `evals run`.

const EXAMPLE_TOOL = 'create_reminder';

/** The dataset's header: the columns PMs fill in, in the order they read them. */
export const DATASET_COLUMNS = ['id', 'input', 'should_trigger', 'current_behavior', 'ideal_behavior', 'why', 'notes', 'tags'] as const;

type Row = Record<(typeof DATASET_COLUMNS)[number], string>;

export const EXAMPLE_ROWS: Row[] = [
  {
    id: 'call-mom-7pm',
    input: 'Remind me to call mom at 7pm',
    should_trigger: 'yes',
    current_behavior: '→ create_reminder(title: "Call mom", time: 19:00)\nDone: I\'ll remind you to call mom at 7:00 PM.',
    ideal_behavior: '→ create_reminder(title: "Call mom", time: 19:00)\nDone: I\'ll remind you to call mom at 7:00 PM.',
    why: 'A direct request with a time: the textbook case.',
    notes: 'A single message: type it as the user would. A tool call is a line starting with →, then the tool and its arguments.',
    tags: 'single-turn',
  },
  {
    id: 'dry-cleaning-follow-up',
    input: 'user: I have to pick up the dry cleaning after work tomorrow\nassistant: Want me to set a reminder for that?\nuser: yes please, at 5:30pm',
    should_trigger: 'yes',
    current_behavior: "Sure, I'll remember that!",
    ideal_behavior: '→ create_reminder(title: "Pick up the dry cleaning", time: 17:30)\nDone: I\'ll remind you tomorrow at 5:30 PM.',
    why: 'The user says yes in the last turn; what and when come from the earlier turns.',
    notes: 'A conversation: one turn per line, each starting with user: or assistant:. Today the assistant only promises, so this row fails for "current".',
    tags: 'multi-turn',
  },
  {
    id: 'remind-me-what-capital',
    input: 'Remind me what the capital of Australia is?',
    should_trigger: 'no',
    current_behavior: 'Canberra.',
    ideal_behavior: 'Canberra. Sydney is the biggest city, but Canberra has been the capital since 1913.',
    why: '"Remind me what…" is a question, not a reminder: answer it, create nothing.',
    notes: 'A "no" case: the tool must not be called. Keep plenty of these, close to the "yes" ones.',
    tags: 'negative',
  },
  {
    id: 'dentist-as-a-question',
    input: 'Could you remind me about the dentist at 9 tomorrow morning?',
    should_trigger: 'yes',
    current_behavior: '→ create_reminder(title: "Dentist", time: 09:00)\nDone: I\'ll remind you tomorrow at 9:00 AM.',
    ideal_behavior: '→ create_reminder(title: "Dentist", time: 09:00)\nDone: I\'ll remind you tomorrow at 9:00 AM.',
    why: 'A request phrased as a question is still a request.',
    notes: 'Cover the ways people really ask: questions, "could you", typos.',
    tags: 'single-turn',
  },
  {
    id: 'remind-me-how-pancakes',
    input: 'Remind me how to make pancakes',
    should_trigger: 'no',
    current_behavior: 'Whisk 1 cup flour, 1 egg and 1 cup milk, then cook ladlefuls in a hot pan until golden on both sides.',
    ideal_behavior: 'Whisk 1 cup flour, 1 egg and 1 cup milk, then cook ladlefuls in a hot pan until golden on both sides.',
    why: '"Remind me how…" asks for instructions, not a reminder.',
    notes: 'Another near miss: the words "remind me" with no time and nothing to be reminded of.',
    tags: 'negative',
  },
  {
    id: 'list-todays-reminders',
    input: 'What reminders do I have today?',
    should_trigger: 'no',
    current_behavior: '→ create_reminder(title: "Today", time: 09:00)\nDone: I\'ll remind you at 9:00 AM.',
    ideal_behavior: 'You have one reminder today: call mom at 7:00 PM.',
    why: 'Asking about reminders is not asking for a new one.',
    notes: 'Today the assistant creates a reminder here by mistake, so this row fails for "current": a known bug, written down as a case.',
    tags: 'negative',
  },
];

/**
 * The CSV, with a byte-order mark so Excel shows "→" and accents correctly when the file is
 * double-clicked, and CRLF line ends as Excel writes them.
 */
export function datasetCsv(): string {
  return '\uFEFF' + Papa.unparse({ fields: [...DATASET_COLUMNS], data: EXAMPLE_ROWS.map((row) => DATASET_COLUMNS.map((c) => row[c])) }, { newline: '\r\n' }) + '\r\n';
}

export function suiteYaml(name: string): string {
  return `# One behaviour under test. Cases live in datasets/${name}.csv; check it with \`npx evals validate ${name}\`.
name: ${name}
description: >-
  Describe the behaviour in a sentence or two. The example: when the user asks to be reminded of something at
  a time, the assistant calls ${EXAMPLE_TOOL}; when they only ask a question, it answers and creates nothing.
dataset: datasets/${name}.csv
# should_trigger is the yes/no answer you expect for each row.
labels: [should_trigger]
systems:
  # What the product does today, typed into the current_behavior column. Needs no API key.
  current:  { provider: "column:current_behavior" }
  # A model with your prompt and tool. Set OPENAI_API_KEY (in your shell or a .env file) to run it.
  prompted: { provider: "openai:gpt-4o-mini", prompt: prompts/${name}.md, tools: tools/${name}.json, temperature: 0 }
checks:
  # Called the tool when should_trigger says yes, and not when it says no.
  - { type: tool-called, tool: ${EXAMPLE_TOOL}, expect: "{{should_trigger}}" }
  # The time is the one in ideal_behavior's → ${EXAMPLE_TOOL}(…) line ("7pm" = "19:00"). Add a line like this for each argument that matters.
  - { type: tool-args, tool: ${EXAMPLE_TOOL}, path: time, same_as: "{{ideal_behavior}}", normalize: time }
gate: { max_regressions: 0, min_pass_rate: 0.8 }
`;
}

export function promptMarkdown(): string {
  return `You are a helpful assistant in a to-do app. You can create reminders with the \`${EXAMPLE_TOOL}\` tool.

Create a reminder when the user asks to be reminded of something, or says yes when you offer one. Use the
user's words for the title, and give the time in 24-hour form (7pm is 19:00).

Do not create a reminder when the user only asks a question, even one that starts with "remind me what" or
"remind me how": answer it in the chat.

After creating a reminder, confirm it in one short sentence.
`;
}

export function toolsJson(): string {
  const tools = [
    {
      type: 'function',
      function: {
        name: EXAMPLE_TOOL,
        description: 'Create a reminder that notifies the user at a time. Only when the user asks to be reminded of something.',
        parameters: {
          type: 'object',
          properties: {
            title: { type: 'string', description: 'What to remind the user of, in their words, e.g. "Call mom".' },
            time: { type: 'string', description: '24-hour time, HH:MM, e.g. "19:00".' },
          },
          required: ['title', 'time'],
          additionalProperties: false,
        },
      },
    },
  ];
  return JSON.stringify(tools, null, 2) + '\n';
}
