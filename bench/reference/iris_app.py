"""Reference stack for the Iris benchmark: FastAPI with scikit-learn.

The same model kind as the Iris ML API (a random forest of 101 trees that
draw 75 % of the features at each split, seed 42), trained at start on
scikit-learn's bundled copy of Fisher's Iris data set, and the same request
and response shapes for POST /predict and GET /health.

Run with the Debian packages (python3-fastapi, python3-uvicorn, python3-sklearn):

    /usr/bin/python3 -m uvicorn iris_app:app --app-dir bench/reference --port 8000
"""

from typing import List, Optional, Union

from fastapi import FastAPI
from pydantic import BaseModel, Field
from sklearn.datasets import load_iris
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

SPECIES = ["setosa", "versicolor", "virginica"]

data = load_iris()
# 30 % held out, stratified by species, as the Iris ML API trains.
features_train, _, labels_train, _ = train_test_split(
    data.data, data.target, test_size=0.3, stratify=data.target, random_state=42
)
model = RandomForestClassifier(n_estimators=101, max_features=0.75, random_state=42)
model.fit(features_train, labels_train)


class Sample(BaseModel):
    sepalLength: float = Field(gt=0, le=30)
    sepalWidth: float = Field(gt=0, le=30)
    petalLength: float = Field(gt=0, le=30)
    petalWidth: float = Field(gt=0, le=30)


class Batch(BaseModel):
    instances: List[Sample] = Field(min_items=1, max_items=1000)


app = FastAPI(title="Iris reference (FastAPI + scikit-learn)")


def predict_rows(samples: List[Sample]) -> List[dict]:
    rows = [[s.sepalLength, s.sepalWidth, s.petalLength, s.petalWidth] for s in samples]
    probabilities = model.predict_proba(rows)
    predictions = []
    for row in probabilities:
        best = int(row.argmax())
        predictions.append(
            {
                "species": SPECIES[best],
                "confidence": float(row[best]),
                "probabilities": {name: float(p) for name, p in zip(SPECIES, row)},
            }
        )
    return predictions


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}


# A sync handler runs in FastAPI's thread pool, the usual way to serve a CPU-bound model.
@app.post("/predict")
def predict(body: Union[Batch, Sample]) -> dict:
    if isinstance(body, Batch):
        predictions = predict_rows(body.instances)
        return {"predictions": predictions, "count": len(predictions)}
    return predict_rows([body])[0]
