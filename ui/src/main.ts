import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { loadPlatform } from "./lib/platform";

// The OS comes from Rust; one small call before the first screen, which words some buttons by it.
void loadPlatform().then(() => mount(App, { target: document.getElementById("app")! }));
