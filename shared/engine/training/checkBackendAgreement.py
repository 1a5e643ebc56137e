"""Recomputes the voice picker on this machine's torch backend (CUDA where present) from the checkpoint and
compares with the onnxruntime CPU log-probabilities written by exportBackendCheck.ts.
Usage: python3 shared/engine/training/checkBackendAgreement.py <dir>"""
import json, os, sys
import numpy as np, torch, torch.nn.functional as F
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
d = sys.argv[1] if len(sys.argv) > 1 else '.vpcheck'
from train_voice_picker import VoicePicker
shape = json.load(open(os.path.join(d, 'shape.json')))
T, B = shape['frames'], shape['bins']
x = torch.from_numpy(np.fromfile(os.path.join(d, 'features.f32'), dtype=np.float32).reshape(1, 2, T, B))
ort_cpu = np.fromfile(os.path.join(d, 'ort_cpu_logprob.f32'), dtype=np.float32).reshape(T, B + 1)
saved = torch.load(os.path.join(d, 'checkpoint.pt'), map_location='cpu')
model = VoicePicker(saved['summary']['channels'], tuple(saved['summary']['time_dilations']))
model.load_state_dict(saved['state']); model.eval()
torch.backends.cudnn.allow_tf32 = False; torch.backends.cuda.matmul.allow_tf32 = False
with torch.no_grad():
    dev = 'cuda' if torch.cuda.is_available() else 'cpu'
    cuda = F.log_softmax(model.to(dev)(x.to(dev)), -1)[0].cpu().numpy()
print(torch.cuda.get_device_name(0) if dev == 'cuda' else 'cpu', 'torch', torch.__version__)
diff = np.abs(cuda - ort_cpu)
prob_diff = np.abs(np.exp(cuda) - np.exp(ort_cpu))
print(f'frames {T} classes {B+1}: max |log p| diff {diff.max():.2e}, max |p| diff {prob_diff.max():.2e}, argmax agree {np.mean(cuda.argmax(-1) == ort_cpu.argmax(-1)):.4f}')
