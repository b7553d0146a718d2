import type { AppSource } from './deployed-app.js';

// The app the console's Activity and Trace pages are tested on: a workflow of two steps whose functions print
// what they do, the second failing on an empty name as the sample's greet does ("A name is needed").

const text = { type: 'string' };

export const greetingApp: AppSource = {
  functions: {
    prepare: {
      source:
        'export default ({ inputs }) => {\n  console.log(`preparing a greeting for ${JSON.stringify(inputs.name)}`);\n  return { outputs: { name: inputs.name.trim() } };\n};\n',
      inputs: { name: text },
      outputs: { name: text },
    },
    greet: {
      source:
        "export default async ({ inputs }) => {\n  console.log(`greeting ${JSON.stringify(inputs.name)}`);\n  if (inputs.name === 'slowly') await new Promise((r) => setTimeout(r, 6000));\n  if (inputs.name === '') return { error: 'A name is needed' };\n  return { outputs: { greeting: `Hello, ${inputs.name}!` } };\n};\n",
      inputs: { name: text },
      outputs: { greeting: text },
    },
  },
  workflows: {
    greet_flow: {
      inputs: { name: text },
      steps: [
        { id: 'a', function_id: '#/functions/prepare', inputs: { name: '{{inputs.name}}' } },
        { id: 'b', function_id: '#/functions/greet', inputs: { name: '{{steps.a.name}}' } },
      ],
    },
  },
};
