// Entry point of the agent workspace (/agent/).

import { render } from 'preact';
import './agent.css';
import { App } from './App';
import { WorkspaceController } from './controller';

const controller = new WorkspaceController();
const root = document.getElementById('app');
if (root) {
  render(<App controller={controller} />, root);
  void controller.init();
}
