// Microphone access: raw audio (no echo cancellation, noise suppression or auto gain) from a chosen device.

export interface InputDevice {
  deviceId: string;
  label: string;
}

/** Raw capture: browser "voice call" processing bends a singer's level and spectrum (see PLATFORM.md). */
export function rawAudioConstraints(deviceId: string | null): MediaStreamConstraints {
  return {
    audio: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
      channelCount: 1,
    },
    video: false,
  };
}

export async function openMicrophone(deviceId: string | null): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia(rawAudioConstraints(deviceId));
}

/** Labels are only filled in once the page has microphone permission, so call this after opening one. */
export async function listInputDevices(): Promise<InputDevice[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((device) => device.kind === 'audioinput')
    .map((device, index) => ({
      deviceId: device.deviceId,
      label: device.label || `Microphone ${index + 1}`,
    }));
}
