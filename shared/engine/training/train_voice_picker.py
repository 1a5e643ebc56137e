"""Trains the voice picker: from the harmonic-salience planes, which grid bin holds the singer's pitch (or none).

Usage: python3 shared/engine/training/train_voice_picker.py --data DIR[,DIR...] --val DIR --out model.onnx
       python3 shared/engine/training/train_voice_picker.py --export model.onnx.pt --out model.onnx
The data comes from exportVoicePickerDataset.ts. Training and model are small enough for two CPU cores.
"""

import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

QUANT_TOP = 1.5


class VoicePicker(nn.Module):
    """Convolutions over (pooled time, pooled log-frequency): a local patch, then octave and octave-plus-fifth
    relations (the 2nd and 3rd harmonics a backing chord or a sub-octave error shares with the voice).
    The input is pooled to 20 ms x 40 cents (voicePickerFeatures.ts), so 30 bins are an octave."""

    def __init__(self, channels: int = 8, time_dilations: tuple = (2, 6)):
        super().__init__()
        near, far = time_dilations
        self.local = nn.Conv2d(2, channels, (5, 5), padding=(2, 2))
        self.octave = nn.Conv2d(channels, channels, (3, 3), dilation=(near, 30), padding=(near, 30))
        self.twelfth = nn.Conv2d(channels, channels, (3, 3), dilation=(far, 48), padding=(far, 48))
        # Pooled frames of context each side that the output depends on (voicePickerModel.ts MARGIN).
        self.margin = 2 + near + far
        self.head = nn.Conv2d(channels, 2, 1)
        self.voicing = nn.Linear(2, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # x: [B, 2, T, F] -> logits [B, T, F + 1]
        h = F.relu(self.local(x))
        h = F.relu(self.octave(h)) + h
        h = F.relu(self.twelfth(h)) + h
        out = self.head(h)
        pitch = out[:, 0]
        v = out[:, 1]
        unvoiced = self.voicing(torch.stack([v.amax(-1), v.mean(-1)], -1))
        return torch.cat([pitch, unvoiced], -1)


def load(dirs):
    takes = []
    for d in dirs:
        with open(os.path.join(d, "index.jsonl")) as f:
            for line in f:
                if not line.strip():
                    continue
                meta = json.loads(line)
                frames, bins, planes = meta["frames"], meta["bins"], meta["planes"]
                x = np.fromfile(os.path.join(d, meta["id"] + ".x.u8"), dtype=np.uint8).reshape(planes, frames, bins)
                y = np.fromfile(os.path.join(d, meta["id"] + ".y.i16"), dtype=np.int16).astype(np.int64)
                takes.append((meta, torch.from_numpy(x), torch.from_numpy(y)))
    return takes


def soft_targets(y: torch.Tensor, bins: int, sigma: float = 0.6) -> torch.Tensor:
    """Gaussian over neighbouring bins for sung frames (a pitch near a bin edge has no single right bin), one-hot otherwise."""
    idx = torch.arange(bins + 1, dtype=torch.float32, device=y.device)
    voiced = (y < bins).unsqueeze(-1)
    gauss = torch.exp(-0.5 * ((idx - y.unsqueeze(-1).float()) / sigma) ** 2)
    gauss[..., bins] = 0
    gauss = gauss / gauss.sum(-1, keepdim=True).clamp_min(1e-9)
    onehot = F.one_hot(y.clamp(max=bins), bins + 1).float()
    return torch.where(voiced, gauss, onehot)


def batch(takes, size, crop, rng, shift_bins=0):
    """Random crops; with shift_bins, each crop is transposed by up to that many pooled bins (40 cents each)
    along the log-frequency axis, labels with it: harmonic salience moves as a whole when a melody is transposed."""
    xs, ys = [], []
    for _ in range(size):
        meta, x, y = takes[rng.integers(len(takes))]
        bins = meta["bins"]
        start = rng.integers(0, max(1, meta["frames"] - crop))
        x = x[:, start : start + crop].float() * (QUANT_TOP / 255)
        y = y[start : start + crop].clone()
        shift = int(rng.integers(-shift_bins, shift_bins + 1)) if shift_bins else 0
        sung = y < bins
        if shift and sung.any():
            lo, hi = int(y[sung].min()), int(y[sung].max())
            shift = max(-lo, min(bins - 1 - hi, shift))
        if shift:
            x = torch.roll(x, shift, dims=2)
            if shift > 0:
                x[:, :, :shift] = 0
            else:
                x[:, :, shift:] = 0
            y[sung] += shift
        xs.append(x)
        ys.append(y)
    return torch.stack(xs), torch.stack(ys)


def evaluate(model, takes):
    device = next(model.parameters()).device
    """Frame scores on whole takes: pitch within 50 cents on sung frames, voicing recall and false alarm."""
    model.eval()
    hits = sung = voiced_right = unsung = false_alarm = 0
    with torch.no_grad():
        for meta, x, y in takes:
            bins = meta["bins"]
            y = y.to(device)
            logits = model(x.to(device).float().unsqueeze(0) * (QUANT_TOP / 255))[0]
            pred = logits.argmax(-1)
            is_sung = y < bins
            pred_voiced = pred < bins
            sung += int(is_sung.sum())
            unsung += int((~is_sung).sum())
            voiced_right += int((is_sung & pred_voiced).sum())
            false_alarm += int((~is_sung & pred_voiced).sum())
            # Pitch accuracy like RPA: the pitch of the best voiced bin, whatever the voicing says.
            best_bin = logits[:, :bins].argmax(-1)
            hits += int((is_sung & ((best_bin - y).abs() <= 1)).sum())
    model.train()
    return {"rpa": hits / max(1, sung), "recall": voiced_right / max(1, sung), "false_alarm": false_alarm / max(1, unsung)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data")
    parser.add_argument("--val")
    parser.add_argument("--out", required=True)
    parser.add_argument("--no-onnx", action="store_true", help="save only the checkpoint (<out>.pt)")
    parser.add_argument("--export", metavar="CHECKPOINT", help="export a saved checkpoint to --out and stop")
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--crop", type=int, default=100)
    parser.add_argument("--channels", type=int, default=8)
    parser.add_argument("--time-dilations", default="2,6")
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--shift-bins", type=int, default=0, help="transpose training crops by up to N pooled bins")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.export:
        export_checkpoint(args.export, args.out)
        return
    if not args.data or not args.val:
        parser.error("--data and --val are required to train")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    train = load(args.data.split(","))
    val = load(args.val.split(","))
    bins = train[0][0]["bins"]
    print(f"train {len(train)} takes, val {len(val)} takes, {bins} bins", flush=True)

    device = torch.device(args.device)
    dilations = tuple(int(v) for v in args.time_dilations.split(","))
    model = VoicePicker(args.channels, dilations).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.steps, pct_start=0.1)
    started = time.time()
    for step in range(1, args.steps + 1):
        x, y = batch(train, args.batch, args.crop, rng, args.shift_bins)
        x, y = x.to(device), y.to(device)
        logits = model(x)
        loss = -(soft_targets(y, bins) * F.log_softmax(logits, -1)).sum(-1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 250 == 0 or step == args.steps:
            scores = evaluate(model, val)
            print(
                f"step {step} loss {loss.item():.3f} val rpa {scores['rpa']:.3f} recall {scores['recall']:.3f} "
                f"false alarm {scores['false_alarm']:.3f} ({time.time() - started:.0f} s)",
                flush=True,
            )

    model.eval()
    model.to("cpu")
    summary = {"bins": bins, "margin": model.margin, "time_dilations": list(dilations), "channels": args.channels,
               "steps": args.steps, "shift_bins": args.shift_bins, "val": evaluate(model, val)}
    print(json.dumps(summary), flush=True)
    torch.save({"state": model.state_dict(), "summary": summary}, args.out + ".pt")
    if not args.no_onnx:
        export_onnx(model, bins, args.out)


class LogProbabilities(nn.Module):
    """The shipped graph ends in log-softmax: onnxruntime normalises faster than a JavaScript loop."""

    def __init__(self, model: nn.Module):
        super().__init__()
        self.model = model

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.log_softmax(self.model(x), -1)


def export_onnx(model, bins, path):
    example = torch.zeros(1, 2, 64, bins)
    torch.onnx.export(
        LogProbabilities(model),
        example,
        path,
        input_names=["features"],
        output_names=["log_probabilities"],
        dynamic_axes={"features": {2: "frames"}, "log_probabilities": {1: "frames"}},
        opset_version=17,
    )
    print(f"wrote {path}", flush=True)


def export_checkpoint(checkpoint, path):
    """Exports a checkpoint saved by a training run elsewhere (a GPU machine) with this machine's exporter."""
    saved = torch.load(checkpoint, map_location="cpu")
    summary = saved["summary"]
    model = VoicePicker(summary["channels"], tuple(summary["time_dilations"]))
    model.load_state_dict(saved["state"])
    model.eval()
    export_onnx(model, summary["bins"], path)
    with open(path + ".json", "w") as f:
        json.dump(summary, f, indent=2)


if __name__ == "__main__":
    main()
