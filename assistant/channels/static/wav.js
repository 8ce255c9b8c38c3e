/* The recording as the voice channel wants it: 16-bit PCM mono WAV at 16 kHz
 * (assistant/channels/voice.py). Pure functions, no page. */

/** Mono float samples at `inRate` -> `outRate`. */
export function downsample(input, inRate, outRate) {
  if (inRate === outRate) {
    return input;
  }
  const ratio = inRate / outRate;
  const outLength = Math.floor(input.length / ratio);
  return ratio < 1 ? interpolateUp(input, ratio, outLength) : averageDown(input, ratio, outLength);
}

/** A microphone slower than 16 kHz (rare): linear interpolation up. */
function interpolateUp(input, ratio, outLength) {
  const out = new Float32Array(outLength);
  for (let k = 0; k < outLength; k++) {
    const pos = k * ratio;
    const i0 = Math.floor(pos);
    const i1 = Math.min(i0 + 1, input.length - 1);
    const frac = pos - i0;
    out[k] = input[i0] * (1 - frac) + input[i1] * frac;
  }
  return out;
}

/** Each output sample the average of the input samples in its step: a cheap low-pass against aliasing. */
function averageDown(input, ratio, outLength) {
  const out = new Float32Array(outLength);
  for (let i = 0; i < outLength; i++) {
    const start = Math.floor(i * ratio);
    const end = Math.min(input.length, Math.floor((i + 1) * ratio));
    let sum = 0;
    let count = 0;
    for (let j = start; j < end; j++) {
      sum += input[j];
      count += 1;
    }
    out[i] = count ? sum / count : input[start] || 0;
  }
  return out;
}

/** 16-bit PCM mono WAV (RIFF) from float samples in [-1, 1]. */
export function encodeWav(samples, rate) {
  const dataBytes = samples.length * 2;
  const buffer = new ArrayBuffer(44 + dataBytes);
  const view = new DataView(buffer);
  writeHeader(view, rate, dataBytes);
  let offset = 44;
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(offset, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    offset += 2;
  }
  return new Blob([buffer], { type: "audio/wav" });
}

/** The 44-byte RIFF header of a PCM mono 16-bit file. */
function writeHeader(view, rate, dataBytes) {
  const ascii = (offset, text) => {
    for (let i = 0; i < text.length; i++) {
      view.setUint8(offset + i, text.charCodeAt(i));
    }
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);       // fmt chunk size
  view.setUint16(20, 1, true);        // PCM
  view.setUint16(22, 1, true);        // mono
  view.setUint32(24, rate, true);     // sample rate
  view.setUint32(28, rate * 2, true); // byte rate
  view.setUint16(32, 2, true);        // block align
  view.setUint16(34, 16, true);       // bits per sample
  ascii(36, "data");
  view.setUint32(40, dataBytes, true);
}
