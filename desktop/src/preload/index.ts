import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopBridge, DESKTOP_BRIDGE_CHANNEL, type DesktopBridge } from '@orak/core';

// The renderer's only door to the main process: one typed bridge over one IPC channel.

const bridge = createDesktopBridge((envelope) => ipcRenderer.invoke(DESKTOP_BRIDGE_CHANNEL, envelope));

const exposed: DesktopBridge = { invoke: (method, request) => bridge.invoke(method, request) };
contextBridge.exposeInMainWorld('orakBridge', exposed);
