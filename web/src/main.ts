import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { live } from './state/live.svelte.ts';

live.start();
const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
export default mount(App, { target });
